package org.cryoem.wasserstein.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.Version;
import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.evaluate.Evaluation;
import org.cryoem.wasserstein.evaluate.Plots;
import org.cryoem.wasserstein.evaluate.Summary;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.MrcData;
import org.cryoem.wasserstein.io.OutputGuard;
import org.cryoem.wasserstein.io.RunWriter;
import org.cryoem.wasserstein.io.SimulationFiles;
import org.cryoem.wasserstein.simulate.Projector;
import org.cryoem.wasserstein.simulate.Simulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reproduce}: the experiment of Rao, Moscovich and Singer (2020):
 * projections of a map at uniform orientations, noise at SNR 1/8, 1/12 and
 * 1/16, classified with W1 and with L2 (same stack, same seed), evaluated
 * against the truth, and written up as {@code report.md} with the paper's
 * Figures 2–4 and Table 1.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Reproduce the paper's experiment: simulate, classify with W1 and L2 at " +
		"three SNRs, evaluate, and write DIR/report.md with figures and tables.", "",
		"--scale full: n=10000, 128×128, k=150, m=200 (the paper's).",
		"--scale quick: n=1500, 64×64, k=30, m=100, at most 15 iterations.", "" })
final class ReproduceCommand implements Callable<Integer> {

	enum Scale {
		quick, full
	}

	@Option(names = "--map", required = true, paramLabel = "MAP.mrc", description = "Cubic 3D map, e.g. ../shared/data/maps/4v7r.mrc.")
	Path map;

	@Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
	Path output;

	@Option(names = "--scale", paramLabel = "quick|full", description = "Experiment size (default: ${DEFAULT-VALUE}).")
	Scale scale = Scale.full;

	@Option(names = "--count", paramLabel = "N", description = "Override the number of images.")
	Integer count;

	@Option(names = "--size", paramLabel = "S", description = "Override the image size.")
	Integer size;

	@Option(names = "--classes", paramLabel = "K", description = "Override the number of classes.")
	Integer classes;

	@Option(names = "--rotations", paramLabel = "M", description = "Override the number of rotations.")
	Integer rotations;

	@Option(names = "--max-iterations", paramLabel = "T", description = "Override the iteration cap.")
	Integer maxIterations;

	@Option(names = "--snr", paramLabel = "X", split = ",",
		description = "Override the SNRs (default: 0.125,0.08333333,0.0625).")
	double[] snrs = { 1 / 8.0, 1 / 12.0, 1 / 16.0 };

	@Option(names = "--seed", paramLabel = "S", description = "Seed of simulation and k-means++ (default: ${DEFAULT-VALUE}).")
	long seed = 1;

	@Option(names = "--threads", paramLabel = "P", description = "Threads; 0 = all cores (default: ${DEFAULT-VALUE}).")
	int threads = 0;

	@Option(names = "--overwrite",
		description = "Replace the report and runs of an earlier reproduction in the output directory.")
	boolean overwrite;

	@Option(names = { "-q", "--quiet" }, description = "No progress on standard error.")
	boolean quiet;

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	private static final String[] METRICS = { "w1", "l2" };

	/**
	 * Refuses, before any work, an output directory that cannot be written or
	 * that holds an earlier reproduction (its report.md or an snr-* folder)
	 * unless overwriting is allowed.
	 */
	static void checkOutput(final Path dir, final boolean overwrite) throws IOException {
		OutputGuard.checkWritable(dir);
		if (overwrite || !Files.isDirectory(dir)) return;
		Path earlier = dir.resolve("report.md");
		if (!Files.exists(earlier)) try (DirectoryStream<Path> snrs = Files.newDirectoryStream(dir,
			"snr-*"))
		{
			final Iterator<Path> first = snrs.iterator();
			earlier = first.hasNext() ? first.next() : null;
		}
		if (earlier != null) throw new IllegalArgumentException(dir +
			" already holds a reproduction (" + earlier.getFileName() +
			"); give --overwrite to replace it, or choose another directory");
	}

	/** One classified and evaluated run. */
	private static final class Run {

		final double snr;
		final String metric;
		final ClassificationResult result;
		final Summary summary;

		Run(final double snr, final String metric, final ClassificationResult result,
			final Summary summary)
		{
			this.snr = snr;
			this.metric = metric;
			this.result = result;
			this.summary = summary;
		}
	}

	@Override
	public Integer call() throws Exception {
		final boolean quick = scale == Scale.quick;
		final int n = count != null ? count : quick ? 1500 : 10000;
		final int s = size != null ? size : quick ? 64 : 128;
		final ClassificationParameters p = new ClassificationParameters();
		p.classes = classes != null ? classes : quick ? 30 : 150;
		p.rotations = rotations != null ? rotations : quick ? 100 : 200;
		p.maxIterations = maxIterations != null ? maxIterations : quick ? 15 : 30;
		p.seed = seed;
		p.threads = threads;
		p.validate(n, s);
		if (snrs.length == 0) throw new IllegalArgumentException("--snr needs at least one value");

		checkOutput(output, overwrite);
		final MrcData data = Mrc.read(map);
		final Projector projector = SimulateCommand.projector(map, data);
		final double pixel = data.voxelSize() > 0 ? data.voxelSize() * data.nx() / s : Double.NaN;
		Files.createDirectories(output);
		final ConsoleProgress progress = new ConsoleProgress(System.err, quiet);
		final List<Run> runs = new ArrayList<>();
		final long start = System.nanoTime();
		for (final double snr : snrs) {
			// Same seed at every SNR: the same orientations and clean images, noise scaled.
			final Simulator.Parameters sp = SimulateCommand.parameters(n, s, snr, seed, threads,
				false);
			final Simulator.Simulation sim = Simulator.simulate(projector, sp, progress);
			final double[][] directions = sim.viewingDirections();
			final Path simDir = output.resolve("snr-" + tag(snr));
			SimulationFiles.write(simDir, sim.noisy, sim.clean, sim.angles, pixel);
			note(Simulator.describe(sp, sim));
			for (final String metric : METRICS) {
				final ClassificationParameters mp = p.copy();
				mp.metric = metric;
				final ClassificationResult r = Classifier.classify(sim.noisy, mp, progress);
				final Path runDir = simDir.resolve(metric);
				RunWriter.write(runDir, SimulationFiles.PARTICLES, n, s, pixel, mp, r);
				final Summary summary = Evaluation.writeReport(runDir.resolve("evaluation"), metric
					.toUpperCase(Locale.ROOT), r, directions);
				runs.add(new Run(snr, metric, r, summary));
				note(String.format(Locale.ROOT,
					"SNR 1/%s %s: %d iterations, median pair angle %.1f°, Gini %.3f", tag(snr), metric
						.toUpperCase(Locale.ROOT), r.iterations(), summary.angles.median,
					summary.occupancy.gini));
			}
		}
		final double minutes = (System.nanoTime() - start) / 60e9;
		writeReport(runs, n, s, p, minutes);
		System.out.println("Wrote " + output.resolve("report.md") + String.format(Locale.ROOT,
			" (%.1f min)", minutes));
		return 0;
	}

	private void writeReport(final List<Run> runs, final int n, final int s,
		final ClassificationParameters p, final double minutes) throws IOException
	{
		final StringBuilder md = new StringBuilder();
		md.append("# Reproduction of Rao, Moscovich & Singer (2020): W1 vs L2 2D classes\n\n");
		md.append(String.format(Locale.ROOT,
			"Map `%s`; n = %d projections of %d×%d at uniformly random orientations; k = %d classes, " +
				"m = %d rotations, at most %d iterations, seed %d; the same simulated stack and seed " +
				"for both metrics at each SNR. Made by `java -jar target/*-all.jar %s` " +
				"(Wasserstein 2D Classes %s) in %.1f minutes on %d threads.\n\n", map.getFileName(), n, s,
			s, p.classes, p.rotations, p.maxIterations, p.seed, String.join(" ", spec.commandLine()
				.getParseResult().originalArgs()),
			Version.get(), minutes, p.effectiveThreads()));

		md.append("## Table 1: time and convergence\n\n");
		md.append("| SNR | metric | iterations | median s / iteration | k-means++ init s |\n");
		md.append("|---|---|---|---|---|\n");
		for (final Run r : runs)
			md.append(String.format(Locale.ROOT, "| 1/%s | %s | %d | %.2f | %.2f |\n", tag(r.snr),
				r.metric.toUpperCase(Locale.ROOT), r.result.iterations(), median(
					r.result.secondsPerIteration), r.result.initSeconds));
		md.append("\nThe paper (32 cores, full scale): 1,676 s per iteration with W1, 1,204 s with L2.\n\n");

		md.append("## Class coherence and occupancy\n\n");
		md.append("Angles between the viewing directions of all pairs of images in the same class, " +
			"pooled over classes (narrower is better); occupancy evenness by the Gini coefficient " +
			"(lower is more even).\n\n");
		md.append("| SNR | metric | median ° | mean ° | p25 ° | p75 ° | below 20° | occupancy max | " +
			"occupancy median | Gini |\n|---|---|---|---|---|---|---|---|---|---|\n");
		for (final Run r : runs) {
			final Summary x = r.summary;
			md.append(String.format(Locale.ROOT,
				"| 1/%s | %s | %.1f | %.1f | %.1f | %.1f | %.1f%% | %d | %.1f | %.3f |\n", tag(r.snr),
				r.metric.toUpperCase(Locale.ROOT), x.angles.median, x.angles.mean, x.angles.p25,
				x.angles.p75, 100 * x.angles.fractionBelow20, x.occupancy.max, x.occupancy.median,
				x.occupancy.gini));
		}
		md.append("\n**Verdict (computed from the numbers above):**\n\n");
		for (final double snr : snrs) {
			final Run w = find(runs, snr, "w1"), l = find(runs, snr, "l2");
			md.append(String.format(Locale.ROOT,
				"- SNR 1/%s: median pair angle %s (W1 %.1f°, L2 %.1f°); fraction below 20° %s; " +
					"occupancy evenness %s (Gini W1 %.3f, L2 %.3f).\n", tag(snr), verdict(
						w.summary.angles.median < l.summary.angles.median), w.summary.angles.median,
				l.summary.angles.median, verdict(w.summary.angles.fractionBelow20 > l.summary.angles
					.fractionBelow20), verdict(w.summary.occupancy.gini < l.summary.occupancy.gini),
				w.summary.occupancy.gini, l.summary.occupancy.gini));
		}

		md.append("\n## Figure 2: within-class viewing-angle differences\n\n");
		for (final double snr : snrs) {
			final Run w = find(runs, snr, "w1"), l = find(runs, snr, "l2");
			final String png = "figure2_snr" + tag(snr) + ".png";
			Plots.angles(output.resolve(png), Arrays.asList(new Plots.Series("W1", w.summary.angles),
				new Plots.Series("L2", l.summary.angles)));
			md.append("SNR 1/").append(tag(snr)).append("\n\n![](").append(png).append(")\n\n");
		}

		final double lowest = snrs[snrs.length - 1];
		md.append("## Figure 3: the 8 largest class means at SNR 1/").append(tag(lowest)).append(
			"\n\n");
		for (final String metric : METRICS) {
			final Run r = find(runs, lowest, metric);
			final String png = "figure3_" + metric + ".png";
			Plots.topClasses(output.resolve(png), r.result.classAverages, r.result.size,
				r.result.occupancy, Math.min(Evaluation.TOP_CLASSES, r.result.classCount()));
			md.append(metric.toUpperCase(Locale.ROOT)).append("\n\n![](").append(png).append(
				")\n\n");
		}

		md.append("## Figure 4: class occupancy\n\n| SNR | W1 | L2 |\n|---|---|---|\n");
		for (final double snr : snrs) {
			md.append("| 1/").append(tag(snr)).append(" |");
			for (final String metric : METRICS) {
				final String png = "figure4_snr" + tag(snr) + "_" + metric + ".png";
				Plots.occupancy(output.resolve(png), find(runs, snr, metric).result.occupancy);
				md.append(" ![](").append(png).append(") |");
			}
			md.append("\n");
		}
		md.append("\nEach run's files (class averages, particles.star, run.json, evaluation) are " +
			"in `snr-X/w1` and `snr-X/l2`; the simulated stacks and truth in `snr-X/`.\n");
		Files.write(output.resolve("report.md"), md.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static String verdict(final boolean w1Better) {
		return w1Better ? "**W1 better**" : "**L2 better (or equal)**";
	}

	private static Run find(final List<Run> runs, final double snr, final String metric) {
		for (final Run r : runs)
			if (r.snr == snr && r.metric.equals(metric)) return r;
		throw new IllegalStateException("missing run " + snr + " " + metric);
	}

	/** "8" for 1/8, "12" for 1/12 …; other SNRs as their inverse with up to 3 decimals. */
	static String tag(final double snr) {
		final double inverse = 1 / snr;
		return Math.abs(inverse - Math.rint(inverse)) < 1e-6 ? Long.toString(Math.round(inverse))
			: String.format(Locale.ROOT, "%.3f", inverse).replaceAll("0+$", "");
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 -
			1] + s[s.length / 2]) / 2;
	}

	private void note(final String line) {
		if (!quiet) System.err.println(line);
	}
}
