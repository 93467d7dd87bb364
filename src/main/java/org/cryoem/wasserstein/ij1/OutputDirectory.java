package org.cryoem.wasserstein.ij1;

import java.io.File;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.image.ParticleStack;

/**
 * The one place where the Fiji and ImageJ 1.x adapters write a run's output
 * directory (class_averages.mrcs, particles.star, classes.csv, occupancy.png,
 * run.json), the same files as the command-line tool.
 * <p>
 * <b>Not wired yet:</b> the writer of the {@code org.cryoem.wasserstein.io}
 * package is not part of this build; until it is, {@link #isAvailable()} is
 * {@code false} and {@link #check} rejects a non-empty output directory with a
 * user-facing message before any work is done. Wiring it (once
 * {@code io.RunWriter} is on this branch) means returning {@code true} from
 * {@link #isAvailable()} and replacing the body of {@link #write} with
 * <pre>
 * RunWriter.write(dir.toPath(), inputName, input.count(), input.size(), pixelSize, params, result);
 * </pre>
 * (catching its {@code IOException} as an {@code UncheckedIOException} or a
 * user-facing error).
 * </p>
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

	/** @return whether this build can write output directories */
	public static boolean isAvailable() {
		return false;
	}

	/**
	 * @param dir the requested output directory, or {@code null}/empty path for none
	 * @return whether an output directory was requested
	 */
	public static boolean isRequested(final File dir) {
		return dir != null && !dir.getPath().trim().isEmpty();
	}

	/**
	 * Checks a requested output directory before the run.
	 *
	 * @param dir the requested directory, or {@code null} for none
	 * @throws IllegalArgumentException with a user-facing message if it cannot be used
	 */
	public static void check(final File dir) {
		if (!isRequested(dir)) return;
		if (!isAvailable()) throw new IllegalArgumentException(
			"output_dir: writing an output directory is not available in this version; " +
				"leave output_dir empty or use the command-line tool");
		if (dir.exists() && !dir.isDirectory()) throw new IllegalArgumentException(
			"output_dir is not a directory: " + dir);
	}

	/**
	 * Writes the output directory of a finished run.
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
		throw new UnsupportedOperationException(
			"Writing an output directory is not available in this version");
	}
}
