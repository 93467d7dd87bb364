package org.cryoem.wasserstein.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.cryoem.wasserstein.cluster.ClassificationResult;

/**
 * Evaluates a 2D classification of simulated particles against their known
 * viewing directions, and writes the report files.
 * <p>
 * Report files in the output folder: {@value #SUMMARY} ({@link Summary}),
 * {@value #ANGLES_PNG}, {@value #OCCUPANCY_PNG} and {@value #TOP_CLASSES_PNG}
 * ({@link Plots}, the 8 largest classes).
 * </p>
 */
public final class Evaluation {

	public static final String SUMMARY = "summary.json";
	public static final String ANGLES_PNG = "angles.png";
	public static final String OCCUPANCY_PNG = "occupancy.png";
	public static final String TOP_CLASSES_PNG = "top_classes.png";
	/** Number of classes in {@value #TOP_CLASSES_PNG}. */
	public static final int TOP_CLASSES = 8;

	private Evaluation() {}

	/**
	 * @param result a classification of n particles
	 * @param directions per particle: its true viewing direction (e.g.
	 *          {@code Simulator.Simulation#viewingDirections()})
	 */
	public static Summary evaluate(final ClassificationResult result, final double[][] directions) {
		return new Summary(AngularSpread.of(result.classOf, directions), Occupancy.of(
			result.occupancy));
	}

	/**
	 * Evaluates and writes {@value #SUMMARY}, {@value #ANGLES_PNG},
	 * {@value #OCCUPANCY_PNG} and {@value #TOP_CLASSES_PNG} into {@code dir}
	 * (created if needed).
	 *
	 * @param label series label in the angle plot, e.g. "W1"
	 * @return the summary written
	 */
	public static Summary writeReport(final Path dir, final String label,
		final ClassificationResult result, final double[][] directions) throws IOException
	{
		return writeReport(dir, label, result.classOf, result.occupancy, result.classAverages,
			result.size, directions);
	}

	/**
	 * The same from plain arrays, e.g. read back from a run's files.
	 *
	 * @param classOf per particle: 0-based class
	 * @param occupancy per class: member count (classes largest first)
	 * @param averages class averages in the same order, or {@code null} to skip
	 *          {@value #TOP_CLASSES_PNG}
	 * @param size edge length of the averages
	 */
	public static Summary writeReport(final Path dir, final String label, final int[] classOf,
		final int[] occupancy, final float[][] averages, final int size,
		final double[][] directions) throws IOException
	{
		final Summary s = new Summary(AngularSpread.of(classOf, directions), Occupancy.of(
			occupancy));
		Files.createDirectories(dir);
		s.write(dir.resolve(SUMMARY));
		final List<Plots.Series> series = Collections.singletonList(new Plots.Series(label,
			s.angles));
		Plots.angles(dir.resolve(ANGLES_PNG), series);
		Plots.occupancy(dir.resolve(OCCUPANCY_PNG), occupancy);
		if (averages != null) Plots.topClasses(dir.resolve(TOP_CLASSES_PNG), averages, size,
			occupancy, TOP_CLASSES);
		return s;
	}
}
