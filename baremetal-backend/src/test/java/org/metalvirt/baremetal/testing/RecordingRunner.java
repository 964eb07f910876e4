package org.metalvirt.baremetal.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.exec.CommandRunner;

/**
 * A command runner that runs nothing: it records each command and answers from a script
 * (success with empty output unless told otherwise).
 */
public final class RecordingRunner implements CommandRunner {

    private final List<Command> commands = new ArrayList<>();
    private Function<Command, CommandResult> answers = command -> CommandResult.ok("");

    public synchronized RecordingRunner answering(Function<Command, CommandResult> answers) {
        this.answers = answers;
        return this;
    }

    @Override
    public synchronized CommandResult run(Command command) {
        commands.add(command);
        return answers.apply(command);
    }

    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Each command line as one string, in order. */
    public synchronized List<String> lines() {
        return commands.stream().map(Command::line).toList();
    }

    public synchronized void clear() {
        commands.clear();
    }

    public static List<String> lines(List<Command> commands) {
        return new ArrayList<>(commands.stream().map(Command::line).toList());
    }
}
