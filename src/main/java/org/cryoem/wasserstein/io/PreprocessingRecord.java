package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cryoem.wasserstein.image.Preprocessing;

/**
 * The preprocessing of a checkpointed run, kept beside the checkpoint as
 * {@code DIR/checkpoint/preprocessing.txt} ({@code box=S},
 * {@code normalize=true|false}, {@code invert=true|false}, one per line) so
 * that {@code classify --resume} prepares the input exactly as the
 * interrupted run did. The checkpoint's checksum of the working images then
 * confirms it.
 */
public final class PreprocessingRecord {

	/** File name inside the checkpoint folder. */
	public static final String FILE = "preprocessing.txt";

	private PreprocessingRecord() {}

	/** Writes {@code prep} into {@code outputDir}'s checkpoint folder. */
	public static void save(final Path outputDir, final Preprocessing prep) throws IOException {
		final Path folder = outputDir.resolve(OutputGuard.CHECKPOINT);
		Files.createDirectories(folder);
		final String text = "box=" + prep.box + "\nnormalize=" + prep.normalize + "\ninvert=" +
			prep.invert + "\n";
		RunWriter.atomically(folder.resolve(FILE), tmp -> RunWriter.writeText(tmp, text));
	}

	/**
	 * @return the preprocessing recorded in {@code outputDir}'s checkpoint
	 *         folder; none when no record is there
	 * @throws InvalidInputException if the record is damaged
	 */
	public static Preprocessing load(final Path outputDir) throws IOException {
		final Path file = outputDir.resolve(OutputGuard.CHECKPOINT).resolve(FILE);
		final Preprocessing prep = new Preprocessing();
		if (!Files.isRegularFile(file)) return prep;
		final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		for (final String line : lines) {
			if (line.trim().isEmpty()) continue;
			final int eq = line.indexOf('=');
			final String key = eq < 0 ? line : line.substring(0, eq).trim();
			final String value = eq < 0 ? "" : line.substring(eq + 1).trim();
			switch (key) {
				case "box":
					try {
						prep.box = Integer.parseInt(value);
					}
					catch (final NumberFormatException e) {
						prep.box = -1;
					}
					if (prep.box < 0) throw damaged(file, line);
					break;
				case "normalize":
					prep.normalize = bool(file, line, value);
					break;
				case "invert":
					prep.invert = bool(file, line, value);
					break;
				default:
					throw damaged(file, line);
			}
		}
		return prep;
	}

	private static boolean bool(final Path file, final String line, final String value)
		throws InvalidInputException
	{
		if ("true".equals(value)) return true;
		if ("false".equals(value)) return false;
		throw damaged(file, line);
	}

	private static InvalidInputException damaged(final Path file, final String line) {
		return new InvalidInputException(file + ": damaged preprocessing record (line '" + line +
			"')");
	}
}
