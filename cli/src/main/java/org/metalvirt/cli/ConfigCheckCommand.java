package org.metalvirt.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.metalvirt.shim.server.ConfigCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description =
                "Checks a metalvirtd YAML configuration file offline, as the daemon would read it, without a daemon"
                        + " and without reaching any hardware; reports every problem as FILE:LINE: message. Exit status 4"
                        + " when there is any.",
        footer = ExitCodes.LIST)
final class ConfigCheckCommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Parameters(paramLabel = "FILE", description = "the YAML file")
    Path file;

    @Override
    public Integer call() {
        List<ConfigCheck.Problem> problems = ConfigCheck.check(file);
        Output out = common.out();
        if (out.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", file.toString());
            result.put("valid", problems.isEmpty());
            result.put(
                    "problems",
                    problems.stream()
                            .map(problem -> Map.of("line", problem.line(), "message", problem.message()))
                            .toList());
            out.print(result);
        } else if (problems.isEmpty()) {
            out.say(file + ": valid");
        } else {
            problems.forEach(problem -> out.say(problem.at(file)));
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
