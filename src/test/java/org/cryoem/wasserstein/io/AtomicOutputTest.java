package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output file, the PNG and run.json included, is written under a
 * temporary name and renamed into place: an existing file is replaced by a new
 * one (never rewritten in place, so a reader or a crash never sees it half
 * written), and a failed write leaves no temporary file behind.
 */
class AtomicOutputTest {

	@TempDir
	Path tmp;

	private static final byte[] OLD = "old".getBytes(StandardCharsets.UTF_8);

	@Test
	void everyFileIsReplacedByRenameNotRewritten() throws IOException {
		final Path out = tmp.resolve("run");
		Files.createDirectories(out);
		for (final String name : OutputGuard.RESULT_FILES) {
			Files.write(out.resolve(name), OLD);
			// a second name for the old file: an in-place rewrite would show through it
			Files.createLink(tmp.resolve("old-" + name), out.resolve(name));
		}
		RunWriter.write(out, "x.mrcs", 10, ResultWriterTest.N, ResultWriterTest.params(),
			ResultWriterTest.fakeResult());
		for (final String name : OutputGuard.RESULT_FILES) {
			assertArrayEquals(OLD, Files.readAllBytes(tmp.resolve("old-" + name)), name +
				" was rewritten in place");
			assertTrue(Files.size(out.resolve(name)) > OLD.length, name);
		}
		assertEquals(0, temporaries(out), "no temporary files left");
	}

	@Test
	void aFailedWriteLeavesNoTemporaryFile() throws IOException {
		for (final String name : OutputGuard.RESULT_FILES) {
			final Path out = tmp.resolve("fail-" + name);
			// a non-empty directory where the file should go: the final rename fails
			Files.createDirectories(out.resolve(name).resolve("blocker"));
			assertThrows(IOException.class, () -> RunWriter.write(out, "x.mrcs", 10,
				ResultWriterTest.N, ResultWriterTest.params(), ResultWriterTest.fakeResult()), name);
			assertEquals(0, temporaries(out), name);
			assertTrue(Files.exists(out.resolve(name).resolve("blocker")), name);
			// run.json is written last: its presence marks a complete set
			if (!name.equals(RunWriter.RUN)) assertFalse(Files.exists(out.resolve(RunWriter.RUN)),
				name);
		}
	}

	private static long temporaries(final Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
		}
	}
}
