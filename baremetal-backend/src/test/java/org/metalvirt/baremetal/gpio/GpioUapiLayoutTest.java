package org.metalvirt.baremetal.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java side's ioctl numbers, struct sizes and offsets and flags are the kernel's: a C program
 * compiled with gcc against Debian's linux-libc-dev {@code <linux/gpio.h>} prints them.
 */
class GpioUapiLayoutTest {

    private static final String PROGRAM = """
            #include <stdio.h>
            #include <stddef.h>
            #include <linux/gpio.h>
            #define P(name, value) printf("%s %llu\\n", name, (unsigned long long) (value))
            int main(void) {
                P("GPIO_V2_GET_LINE_IOCTL", GPIO_V2_GET_LINE_IOCTL);
                P("GPIO_V2_LINE_SET_CONFIG_IOCTL", GPIO_V2_LINE_SET_CONFIG_IOCTL);
                P("GPIO_V2_LINE_GET_VALUES_IOCTL", GPIO_V2_LINE_GET_VALUES_IOCTL);
                P("GPIO_V2_LINE_SET_VALUES_IOCTL", GPIO_V2_LINE_SET_VALUES_IOCTL);
                P("GPIO_V2_LINES_MAX", GPIO_V2_LINES_MAX);
                P("GPIO_MAX_NAME_SIZE", GPIO_MAX_NAME_SIZE);
                P("GPIO_V2_LINE_NUM_ATTRS_MAX", GPIO_V2_LINE_NUM_ATTRS_MAX);
                P("sizeof gpio_v2_line_attribute", sizeof(struct gpio_v2_line_attribute));
                P("sizeof gpio_v2_line_config_attribute", sizeof(struct gpio_v2_line_config_attribute));
                P("offsetof gpio_v2_line_config_attribute.mask", offsetof(struct gpio_v2_line_config_attribute, mask));
                P("offsetof gpio_v2_line_attribute.values", offsetof(struct gpio_v2_line_attribute, values));
                P("sizeof gpio_v2_line_config", sizeof(struct gpio_v2_line_config));
                P("offsetof gpio_v2_line_config.num_attrs", offsetof(struct gpio_v2_line_config, num_attrs));
                P("offsetof gpio_v2_line_config.attrs", offsetof(struct gpio_v2_line_config, attrs));
                P("sizeof gpio_v2_line_request", sizeof(struct gpio_v2_line_request));
                P("offsetof gpio_v2_line_request.consumer", offsetof(struct gpio_v2_line_request, consumer));
                P("offsetof gpio_v2_line_request.config", offsetof(struct gpio_v2_line_request, config));
                P("offsetof gpio_v2_line_request.num_lines", offsetof(struct gpio_v2_line_request, num_lines));
                P("offsetof gpio_v2_line_request.event_buffer_size", offsetof(struct gpio_v2_line_request, event_buffer_size));
                P("offsetof gpio_v2_line_request.fd", offsetof(struct gpio_v2_line_request, fd));
                P("sizeof gpio_v2_line_values", sizeof(struct gpio_v2_line_values));
                P("offsetof gpio_v2_line_values.mask", offsetof(struct gpio_v2_line_values, mask));
                P("sizeof gpio_v2_line_event", sizeof(struct gpio_v2_line_event));
                P("offsetof gpio_v2_line_event.id", offsetof(struct gpio_v2_line_event, id));
                P("offsetof gpio_v2_line_event.offset", offsetof(struct gpio_v2_line_event, offset));
                P("offsetof gpio_v2_line_event.seqno", offsetof(struct gpio_v2_line_event, seqno));
                P("offsetof gpio_v2_line_event.line_seqno", offsetof(struct gpio_v2_line_event, line_seqno));
                P("GPIO_V2_LINE_FLAG_USED", GPIO_V2_LINE_FLAG_USED);
                P("GPIO_V2_LINE_FLAG_ACTIVE_LOW", GPIO_V2_LINE_FLAG_ACTIVE_LOW);
                P("GPIO_V2_LINE_FLAG_INPUT", GPIO_V2_LINE_FLAG_INPUT);
                P("GPIO_V2_LINE_FLAG_OUTPUT", GPIO_V2_LINE_FLAG_OUTPUT);
                P("GPIO_V2_LINE_FLAG_EDGE_RISING", GPIO_V2_LINE_FLAG_EDGE_RISING);
                P("GPIO_V2_LINE_FLAG_EDGE_FALLING", GPIO_V2_LINE_FLAG_EDGE_FALLING);
                P("GPIO_V2_LINE_FLAG_OPEN_DRAIN", GPIO_V2_LINE_FLAG_OPEN_DRAIN);
                P("GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES", GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES);
                P("GPIO_V2_LINE_EVENT_RISING_EDGE", GPIO_V2_LINE_EVENT_RISING_EDGE);
                P("GPIO_V2_LINE_EVENT_FALLING_EDGE", GPIO_V2_LINE_EVENT_FALLING_EDGE);
                return 0;
            }
            """;

    private static Map<String, Long> kernel;

    @BeforeAll
    static void compileAgainstTheKernelHeader(@TempDir Path dir) throws IOException, InterruptedException {
        Path source = dir.resolve("layout.c");
        Path binary = dir.resolve("layout");
        Files.writeString(source, PROGRAM);
        run(dir, "gcc", "-Wall", "-Werror", "-o", binary.toString(), source.toString());
        kernel = new HashMap<>();
        for (String line : run(dir, binary.toString()).split("\n")) {
            int space = line.lastIndexOf(' ');
            kernel.put(line.substring(0, space), Long.parseUnsignedLong(line.substring(space + 1)));
        }
    }

    private static String run(Path dir, String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(argv[0] + " did not finish");
        }
        assertEquals(0, process.exitValue(), argv[0] + " failed (needs gcc and linux-libc-dev): " + output);
        return output;
    }

    private static void same(String name, long javaValue) {
        assertEquals(kernel.get(name), Long.valueOf(javaValue), name);
    }

    @Test
    void ioctlNumbersAreTheKernels() {
        same("GPIO_V2_GET_LINE_IOCTL", GpioUapi.GET_LINE_IOCTL);
        same("GPIO_V2_LINE_SET_CONFIG_IOCTL", GpioUapi.LINE_SET_CONFIG_IOCTL);
        same("GPIO_V2_LINE_GET_VALUES_IOCTL", GpioUapi.LINE_GET_VALUES_IOCTL);
        same("GPIO_V2_LINE_SET_VALUES_IOCTL", GpioUapi.LINE_SET_VALUES_IOCTL);
    }

    @Test
    void limitsAreTheKernels() {
        same("GPIO_V2_LINES_MAX", GpioUapi.LINES_MAX);
        same("GPIO_MAX_NAME_SIZE", GpioUapi.NAME_SIZE);
        same("GPIO_V2_LINE_NUM_ATTRS_MAX", GpioUapi.NUM_ATTRS_MAX);
    }

    @Test
    void structLayoutsAreTheKernels() {
        same("sizeof gpio_v2_line_attribute", GpioUapi.ATTRIBUTE_SIZE);
        same("offsetof gpio_v2_line_attribute.values", 8);
        same("sizeof gpio_v2_line_config_attribute", GpioUapi.CONFIG_ATTRIBUTE_SIZE);
        same("offsetof gpio_v2_line_config_attribute.mask", GpioUapi.CONFIG_ATTRIBUTE_MASK);
        same("sizeof gpio_v2_line_config", GpioUapi.CONFIG_SIZE);
        same("offsetof gpio_v2_line_config.num_attrs", GpioUapi.CONFIG_NUM_ATTRS);
        same("offsetof gpio_v2_line_config.attrs", GpioUapi.CONFIG_ATTRS);
        same("sizeof gpio_v2_line_request", GpioUapi.REQUEST_SIZE);
        same("offsetof gpio_v2_line_request.consumer", GpioUapi.REQUEST_CONSUMER);
        same("offsetof gpio_v2_line_request.config", GpioUapi.REQUEST_CONFIG);
        same("offsetof gpio_v2_line_request.num_lines", GpioUapi.REQUEST_NUM_LINES);
        same("offsetof gpio_v2_line_request.event_buffer_size", GpioUapi.REQUEST_EVENT_BUFFER_SIZE);
        same("offsetof gpio_v2_line_request.fd", GpioUapi.REQUEST_FD);
        same("sizeof gpio_v2_line_values", GpioUapi.VALUES_SIZE);
        same("offsetof gpio_v2_line_values.mask", GpioUapi.VALUES_MASK);
        same("sizeof gpio_v2_line_event", GpioUapi.EVENT_SIZE);
        same("offsetof gpio_v2_line_event.id", GpioUapi.EVENT_ID);
        same("offsetof gpio_v2_line_event.offset", GpioUapi.EVENT_OFFSET);
        same("offsetof gpio_v2_line_event.seqno", GpioUapi.EVENT_SEQNO);
        same("offsetof gpio_v2_line_event.line_seqno", GpioUapi.EVENT_LINE_SEQNO);
    }

    @Test
    void flagsAndIdsAreTheKernels() {
        same("GPIO_V2_LINE_FLAG_USED", GpioUapi.FLAG_USED);
        same("GPIO_V2_LINE_FLAG_ACTIVE_LOW", GpioUapi.FLAG_ACTIVE_LOW);
        same("GPIO_V2_LINE_FLAG_INPUT", GpioUapi.FLAG_INPUT);
        same("GPIO_V2_LINE_FLAG_OUTPUT", GpioUapi.FLAG_OUTPUT);
        same("GPIO_V2_LINE_FLAG_EDGE_RISING", GpioUapi.FLAG_EDGE_RISING);
        same("GPIO_V2_LINE_FLAG_EDGE_FALLING", GpioUapi.FLAG_EDGE_FALLING);
        same("GPIO_V2_LINE_FLAG_OPEN_DRAIN", GpioUapi.FLAG_OPEN_DRAIN);
        same("GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES", GpioUapi.ATTR_ID_OUTPUT_VALUES);
        same("GPIO_V2_LINE_EVENT_RISING_EDGE", GpioUapi.EVENT_RISING_EDGE);
        same("GPIO_V2_LINE_EVENT_FALLING_EDGE", GpioUapi.EVENT_FALLING_EDGE);
    }
}
