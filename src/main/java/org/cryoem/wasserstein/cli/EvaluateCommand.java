package org.cryoem.wasserstein.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.evaluate.Evaluation;
import org.cryoem.wasserstein.evaluate.Summary;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.AnglesStar;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.RunWriter;
import org.cryoem.wasserstein.simulate.Orientations;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evaluate}: class coherence against the true orientations. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Measure how coherent classes are, given the true orientations.", "",
		"Rows of the two STAR files are matched by the image index of _rlnImageName (N@stack) when " +
			"both have it, else by order. For every class, the angles between the viewing " +
			"directions of all pairs of members are pooled over classes.", "", "DIR receives:",
		"  summary.json     median_deg, mean_deg, p25_deg, p75_deg, frac_below_20deg,",
		"                   occupancy_max, occupancy_median, occupancy_gini",
		"  angles.png       histogram of pair angles", "  occupancy.png    sorted class sizes",
		"  top_classes.png  the 8 largest class averages (if class_averages.mrcs is beside the assignments)",
		"" })
final class EvaluateCommand implements Callable<Integer> {

	@Option(names = "--truth", required = true, paramLabel = "truth.star",
		description = "True angles (_rlnAngleRot, _rlnAngleTilt), e.g. from simulate.")
	Path truth;

	@Option(names = "--assignments", required = true, paramLabel = "particles.star",
		description = "Class assignments (_rlnClassNumber), e.g. from classify.")
	Path assignments;

	@Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
	Path output;

	@Option(names = "--label", paramLabel = "TEXT", description = "Series label in angles.png (default: from run.json's metric, else 'classes').")
	String label;

	@Override
	public Integer call() throws Exception {
		final double[][] angles = AnglesStar.read(truth);
		final int[] classNumber = AnglesStar.readClassNumbers(assignments);
		final int[] rowOfTruth = match(AnglesStar.readImageNames(truth), AnglesStar.readImageNames(
			assignments), angles.length, classNumber.length);
		final Path averagesFile = sibling(assignments, RunWriter.CLASS_AVERAGES);
		final ParticleStack averages = averagesFile == null ? null : Mrc.readStack(averagesFile);
		int k = averages == null ? 0 : averages.count();
		for (final int c : classNumber) k = Math.max(k, c);
		final int[] classOf = new int[classNumber.length];
		final int[] occupancy = new int[k];
		final double[][] directions = new double[classNumber.length][];
		for (int i = 0; i < classOf.length; i++) {
			classOf[i] = classNumber[i] - 1;
			occupancy[classOf[i]]++;
			final double[] a = angles[rowOfTruth[i]];
			directions[i] = Orientations.viewingDirection(a[0], a[1]);
		}
		final float[][] images = averages == null ? null : new float[averages.count()][];
		if (images != null) for (int c = 0; c < images.length; c++) images[c] = averages.image(c);
		final Summary s = Evaluation.writeReport(output, label != null ? label : defaultLabel(),
			classOf, occupancy, images, averages == null ? 0 : averages.size(), directions);
		System.out.println(String.format(Locale.ROOT,
			"%d particles in %d classes: pair angle median %.1f°, mean %.1f°, IQR %.1f–%.1f°, " +
				"%.1f%% below 20°; occupancy max %d, median %.1f, Gini %.3f; wrote %s",
			classOf.length, k, s.angles.median, s.angles.mean, s.angles.p25, s.angles.p75, 100 *
				s.angles.fractionBelow20, s.occupancy.max, s.occupancy.median, s.occupancy.gini,
			output));
		return 0;
	}

	/** For each assignment row, the truth row of the same image. */
	static int[] match(final String[] truthNames, final String[] names, final int truthRows,
		final int rows)
	{
		final int[] map = new int[rows];
		if (truthNames != null && names != null) {
			for (int i = 0; i < rows; i++) {
				final int index = index(names[i]);
				if (index < 1 || index > truthRows) throw new IllegalArgumentException(
					"Image " + names[i] + " has no row in the truth file (" + truthRows + " rows)");
				map[i] = index - 1;
			}
			return map;
		}
		if (rows != truthRows) throw new IllegalArgumentException("The truth file has " +
			truthRows + " rows but the assignments have " + rows);
		for (int i = 0; i < rows; i++) map[i] = i;
		return map;
	}

	private static int index(final String name) {
		final int at = name.indexOf('@');
		try {
			return at < 0 ? -1 : Integer.parseInt(name.substring(0, at).trim());
		}
		catch (final NumberFormatException e) {
			return -1;
		}
	}

	private String defaultLabel() throws java.io.IOException {
		final Path run = sibling(assignments, RunWriter.RUN);
		if (run != null) {
			final String json = new String(Files.readAllBytes(run), java.nio.charset.StandardCharsets.UTF_8);
			final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
				"\"metric\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
			if (m.find()) return m.group(1).toUpperCase(Locale.ROOT);
		}
		return "classes";
	}

	private static Path sibling(final Path file, final String name) {
		final Path parent = file.toAbsolutePath().getParent();
		final Path p = parent == null ? null : parent.resolve(name);
		return p != null && Files.isRegularFile(p) ? p : null;
	}
}
