package streamlab.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder to use as the whole PATH of a script under test: every command of this machine's PATH, linked,
 * except those {@link #hide hidden}, plus {@link #script scripts} of the test's own (a fake {@code java},
 * {@code uname} or {@code java_home}, or a wrapper that refuses GNU-only options). This is how a test sees
 * the kit as a machine without some tool (a Mac has no tac, setsid or timeout) would.
 */
public final class ToolShim {
    private final Path dir;

    public ToolShim(Path dir, Set<String> hidden) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            for (String p : path.split(File.pathSeparator)) {
                Path d = Path.of(p);
                if (p.isEmpty() || !Files.isDirectory(d)) continue;
                try (Stream<Path> tools = Files.list(d)) {
                    tools.filter(Files::isExecutable).forEach(t -> {
                        String name = t.getFileName().toString();
                        Path link = dir.resolve(name);
                        // The first of PATH wins, as in a shell.
                        if (hidden.contains(name) || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
                        try {
                            Files.createSymbolicLink(link, t.toAbsolutePath());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Replaces or adds NAME: an executable bash script with BODY (after the shebang line). */
    public ToolShim script(String name, String body) {
        executable(dir.resolve(name), body);
        return this;
    }

    public ToolShim hide(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes an executable bash script FILE with BODY (after the shebang line). */
    public static void executable(Path file, String body) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.writeString(file, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
