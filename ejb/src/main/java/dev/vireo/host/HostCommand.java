package dev.vireo.host;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system tool with a fixed argument list: no shell, no user input, the program looked up
 * in the system directories only, a time limit, and the C locale so that the output parses.
 */
final class HostCommand {

    private static final List<Path> DIRECTORIES = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"),
            Path.of("/bin"));
    private static final long TIMEOUT_SECONDS = 20;

    private HostCommand() {
    }

    /** Whether the tool is installed. */
    static boolean installed(String program) {
        return locate(program).isPresent();
    }

    /**
     * The tool's standard output; empty when the tool is not installed. A failure (exit status,
     * time limit) is a {@link ErrorCode#HOST_TOOL_FAILED} naming {@code what} was being read.
     */
    static Optional<String> run(String what, String program, String... arguments) {
        Optional<Path> executable = locate(program);
        if (executable.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(executable.get().toString());
        command.addAll(List.of(arguments));
        Path out = null;
        Path err = null;
        try {
            // files rather than pipes: nothing to drain concurrently, and the time limit holds
            out = Files.createTempFile("vireo-tool", ".out");
            err = Files.createTempFile("vireo-tool", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("LC_ALL", "C");
            builder.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new VireoException(ErrorCode.HOST_TOOL_FAILED, what,
                        program + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String message = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw new VireoException(ErrorCode.HOST_TOOL_FAILED, what, program + " exited with status "
                        + process.exitValue() + (message.isEmpty() ? "" : ": " + message));
            }
            return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VireoException(ErrorCode.HOST_TOOL_FAILED, e, what, program + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VireoException(ErrorCode.HOST_TOOL_FAILED, e, what, program + " was interrupted");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static Optional<Path> locate(String program) {
        return DIRECTORIES.stream().map(directory -> directory.resolve(program)).filter(Files::isExecutable).findFirst();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }
}
