package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Guards an output directory so that no results are lost:
 * <ul>
 * <li>a directory that already holds results of a run ({@link RunWriter}'s
 * files) or the checkpoint of an interrupted run ({@value #CHECKPOINT}) is
 * refused unless the caller allows overwriting (the command line's
 * {@code --overwrite}, the plugin's {@code overwrite} checkbox);</li>
 * <li>a directory that cannot be created or written is refused up front,
 * before any work is done and without creating anything.</li>
 * </ul>
 * Messages are one line and name the directory and the flag.
 */
public final class OutputGuard {

	/** Name of the checkpoint folder inside an output directory. */
	public static final String CHECKPOINT = "checkpoint";

	/** The files a finished run leaves in its output directory. */
	public static final String[] RESULT_FILES = { RunWriter.CLASS_AVERAGES, RunWriter.PARTICLES,
		RunWriter.CLASSES, RunWriter.OCCUPANCY, RunWriter.RUN };

	private OutputGuard() {}

	/**
	 * @return the result files and checkpoint folder that {@code dir} already
	 *         holds (empty if none, or if it does not exist)
	 */
	public static List<Path> existingResults(final Path dir) {
		final List<Path> found = new ArrayList<>();
		if (!Files.isDirectory(dir)) return found;
		for (final String name : RESULT_FILES)
			if (Files.exists(dir.resolve(name))) found.add(dir.resolve(name));
		if (Files.exists(dir.resolve(CHECKPOINT))) found.add(dir.resolve(CHECKPOINT));
		return found;
	}

	/**
	 * Checks, without creating or changing anything, that a new run may write
	 * into {@code dir}.
	 *
	 * @param dir the output directory (may not exist yet)
	 * @param overwrite whether existing results may be replaced
	 * @param flag how the user allows overwriting, for the message, e.g.
	 *          {@code "--overwrite"}
	 * @throws IllegalArgumentException with a one-line message if the directory
	 *           holds results and overwriting is not allowed, or if it cannot be
	 *           created or written
	 */
	public static void check(final Path dir, final boolean overwrite, final String flag) {
		checkWritable(dir);
		if (overwrite) return;
		final List<Path> existing = existingResults(dir);
		if (existing.isEmpty()) return;
		final boolean onlyCheckpoint = existing.size() == 1 && existing.get(0).getFileName().toString()
			.equals(CHECKPOINT);
		if (onlyCheckpoint) throw new IllegalArgumentException(dir +
			" holds the checkpoint of an interrupted run; resume it (--resume " + dir +
			") or give " + flag + " to start again");
		throw new IllegalArgumentException(dir + " already holds results (" + existing.get(0)
			.getFileName() + (existing.size() > 1 ? " and " + (existing.size() - 1) + " more" : "") +
			"); give " + flag + " to replace them, or choose another directory");
	}

	/**
	 * Checks that {@code dir} is, or can be created as, a writable directory.
	 *
	 * @throws IllegalArgumentException with a one-line message otherwise
	 */
	public static void checkWritable(final Path dir) {
		final Path abs = dir.toAbsolutePath().normalize();
		if (Files.exists(abs)) {
			if (!Files.isDirectory(abs)) throw new IllegalArgumentException("Output " + dir +
				" exists and is not a directory");
			if (!Files.isWritable(abs)) throw new IllegalArgumentException("Output directory " + dir +
				" is not writable");
			return;
		}
		Path parent = abs.getParent();
		while (parent != null && !Files.exists(parent))
			parent = parent.getParent();
		if (parent == null) throw new IllegalArgumentException("Cannot create output directory " +
			dir + ": no existing parent");
		if (!Files.isDirectory(parent)) throw new IllegalArgumentException(
			"Cannot create output directory " + dir + ": " + parent + " is not a directory");
		if (!Files.isWritable(parent)) throw new IllegalArgumentException(
			"Cannot create output directory " + dir + ": " + parent + " is not writable");
	}

	/**
	 * Once a run has passed {@link #check} with overwriting allowed and is about
	 * to start: deletes the result files and checkpoint of an earlier run in
	 * {@code dir}, so that the directory never mixes the files of two runs.
	 * Nothing else in the directory is touched.
	 */
	public static void clearPreviousResults(final Path dir) throws IOException {
		for (final String name : RESULT_FILES)
			Files.deleteIfExists(dir.resolve(name));
		deleteTree(dir.resolve(CHECKPOINT));
	}

	/** Deletes a folder of plain files (a checkpoint), if it exists. */
	public static void deleteTree(final Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			Files.deleteIfExists(folder);
			return;
		}
		try (java.util.stream.Stream<Path> files = Files.list(folder)) {
			for (final Path f : (Iterable<Path>) files::iterator)
				Files.deleteIfExists(f);
		}
		Files.deleteIfExists(folder);
	}
}
