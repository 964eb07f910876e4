package org.metalvirt.baremetal.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/** Runs programs for real through Commons Exec: no shell, a watchdog per run, output captured. */
public final class ExecCommandRunner implements CommandRunner {

    @Override
    public CommandResult run(Command command) {
        CommandLine line = new CommandLine(command.argv().get(0));
        // handleQuoting=false: each argument reaches the program exactly as given.
        command.argv().stream().skip(1).forEach(arg -> line.addArgument(arg, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecuteWatchdog watchdog =
                ExecuteWatchdog.builder().setTimeout(command.timeout()).get();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(out, err));
        executor.setWatchdog(watchdog);
        executor.setExitValues(null); // every exit code is an answer, not an exception
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(command.environment());
        int exit;
        try {
            exit = executor.execute(line, environment);
        } catch (ExecuteException e) {
            exit = e.getExitValue();
        } catch (IOException e) {
            return new CommandResult(-1, "", "cannot run " + command.argv().get(0) + ": " + e.getMessage(), false);
        }
        return new CommandResult(
                exit,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                watchdog.killedProcess());
    }
}
