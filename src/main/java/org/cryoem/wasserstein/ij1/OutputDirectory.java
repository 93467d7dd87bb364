package org.cryoem.wasserstein.ij1;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.OutputGuard;
import org.cryoem.wasserstein.io.RunWriter;

/**
 * The one place where the Fiji and ImageJ 1.x adapters write a run's output
 * directory (class_averages.mrcs, particles.star, classes.csv, occupancy.png,
 * run.json), the same files as the command-line tool.
 */
public final class OutputDirectory {

	private OutputDirectory() {}

	/**
	 * @param unit a length unit as ImageJ stores it
	 * @param pixelWidth pixel width in that unit
	 * @return the pixel size in Å, or NaN unless the unit is Å or nm
	 */
	public static double angstromPerPixel(final String unit, final double pixelWidth) {
		if (unit == null || !(pixelWidth > 0)) return Double.NaN;
		switch (unit.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "å":
			case "a":
			case "angstrom":
			case "angstroms":
				return pixelWidth;
			case "nm":
				return pixelWidth * 10;
			default:
				return Double.NaN;
		}
	}

	/**
	 * @param dir the requested output directory, or {@code null}/empty path for none
	 * @return whether an output directory was requested
	 */
	public static boolean isRequested(final File dir) {
		return dir != null && !dir.getPath().trim().isEmpty();
	}

	/** Message shown when too little heap is left: names Fiji's memory setting. */
	public static final String OUT_OF_MEMORY =
		"Out of memory; give ImageJ more (Edit > Options > Memory & Threads) or use fewer images, classes or rotations";

	/**
	 * Checks a requested output directory before the run, as the command line
	 * does: it must be (or be creatable as) a writable directory, and one that
	 * already holds results (or a checkpoint) is refused unless
	 * {@code overwrite} is set. Nothing is created.
	 *
	 * @param dir the requested directory, or {@code null} for none
	 * @param overwrite the {@code overwrite} option: replace existing results
	 * @throws IllegalArgumentException with a user-facing message if it cannot be used
	 */
	public static void check(final File dir, final boolean overwrite) {
		if (!isRequested(dir)) return;
		if (dir.exists() && !dir.isDirectory()) throw new IllegalArgumentException(
			"output_dir is not a directory: " + dir);
		OutputGuard.check(dir.toPath(), overwrite, "the overwrite option");
	}

	/**
	 * Writes the output directory of a finished run, replacing the results of
	 * an earlier run there (which {@link #check} has allowed). The plugins keep
	 * no checkpoint: the run's state is in memory only.
	 *
	 * @param dir the output directory (created if missing)
	 * @param input the classified particles
	 * @param params the parameters of the run
	 * @param result the result
	 * @param inputName name of the input (file name or image title), for run.json
	 * @param pixelSize pixel size in Å, NaN when unknown
	 */
	public static void write(final File dir, final ParticleStack input,
		final ClassificationParameters params, final ClassificationResult result,
		final String inputName, final double pixelSize)
	{
		try {
			OutputGuard.clearPreviousResults(dir.toPath());
			RunWriter.write(dir.toPath(), inputName, input.count(), input.size(), pixelSize, params,
				result);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not write " + dir + ": " + e.getMessage(), e);
		}
	}
}
