package org.metalvirt.shim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a real client program to completion, bounded in time, and captures what it printed. */
public final class Command {

    /** What a finished program left behind. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(
                        command + " exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    private Command() {}

    public static Result run(Duration timeout, String... command) {
        return run(timeout, java.util.Map.of(), command);
    }

    /** With {@code env} added to the environment (an auth file for libvirt's client, say). */
    public static Result run(Duration timeout, java.util.Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("LIBVIRT_DEFAULT_URI");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(List.of(command) + " did not finish within " + timeout + "\nstdout so far:\n"
                        + out.getNow("") + "\nstderr so far:\n" + err.getNow(""));
            }
            return new Result(List.of(command), process.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + List.of(command), e);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
