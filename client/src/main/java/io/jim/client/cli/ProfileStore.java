package io.jim.client.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jim.client.JimClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps the {@link Profile} in {@code DIR/session.json} (mode 600, directory 700): written atomically
 * and under a file lock, so that two commands of one profile running at once do not lose each other's
 * progress.
 */
final class ProfileStore {

    private static final String FILE = "session.json";
    private static final String LOCK = ".lock";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final ObjectMapper json = JimClient.newObjectMapper();

    ProfileStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    Path file() {
        return dir.resolve(FILE);
    }

    /** The stored profile, if any. */
    Optional<Profile> load() {
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Profile.class));
        } catch (IOException e) {
            throw new CliException("cannot read the profile " + file + ": " + e.getMessage());
        }
    }

    /** The stored profile with a token, or an error telling the user to log in. */
    Profile requireLoggedIn() {
        return load().filter(Profile::loggedIn)
                .orElseThrow(() -> new CliException("not logged in (profile " + dir + "): run 'jim-cli login ACCOUNT PASSWORD'"));
    }

    /** Replaces the stored profile. */
    void save(Profile profile) {
        update(ignored -> profile);
    }

    /** Re-reads, changes and writes the profile while holding the lock; {@code change} gets null when none is stored. */
    Profile update(UnaryOperator<Profile> change) {
        createPrivateDirectory();
        try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            Profile next = change.apply(load().orElse(null));
            if (next != null) {
                write(next);
            }
            return next;
        } catch (IOException e) {
            throw new CliException("cannot write the profile in " + dir + ": " + e.getMessage());
        }
    }

    private void write(Profile profile) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        // Created with mode 600 from the start: the token must never be readable by others, not even briefly.
        createPrivateFile(tmp);
        Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(profile), StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void createPrivateDirectory() {
        try {
            if (!Files.isDirectory(dir)) {
                if (posix()) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new CliException("the profile path " + dir + " exists and is not a directory");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the profile directory " + dir, e);
        }
    }

    private void createPrivateFile(Path file) throws IOException {
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        Files.createFile(file, attributes);
        if (posix()) {
            // The umask may have removed bits from the requested mode but never adds any; set it exactly anyway.
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
    }

    private boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
