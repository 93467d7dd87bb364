package org.cryoem.wasserstein.ij1;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import ij.process.FloatProcessor;

import java.awt.GraphicsEnvironment;

import org.cryoem.wasserstein.cluster.ClassificationResult;

/**
 * The ImageJ 1.x views of a {@link ClassificationResult}, shared by the
 * ImageJ 1.x plugin and the SciJava command so that both show exactly the same
 * windows:
 * <ul>
 * <li>{@link #classAverages}: a float stack of the class averages, largest class
 * first, slice labels {@code class c (n=…)};</li>
 * <li>{@link #occupancyPlot}: a bar plot of the number of particles per
 * class;</li>
 * <li>{@link #classTable} (shown as {@value #CLASS_TABLE_TITLE}): one row per
 * class with columns {@code class}, {@code occupancy}, {@code mean distance};</li>
 * <li>{@link #particleTable} (shown as the {@value #PARTICLE_TABLE_TITLE}
 * table, so {@code nResults} and {@code getResult} work in macros): one row per
 * particle with columns {@code particle}, {@code class}, {@code angle},
 * {@code distance}.</li>
 * </ul>
 * <p>
 * Numbering shown to users is 1-based: class c is slice c of the class-average
 * stack (class 1 is the largest), and particle i is slice i of the input.
 * Angles are in degrees: the in-plane rotation of the class average that best
 * matches the particle.
 * </p>
 */
public final class ResultViews {

	/** Title of the per-class table. */
	public static final String CLASS_TABLE_TITLE = "Wasserstein Class Summary";
	/** Title of the per-particle table: the system Results table. */
	public static final String PARTICLE_TABLE_TITLE = "Results";

	/** Class averages, one slice per class, sorted by decreasing occupancy. */
	public final ImagePlus classAverages;
	/** Occupancy histogram. */
	public final Plot occupancyPlot;
	/** One row per class. */
	public final ResultsTable classTable;
	/** One row per particle. */
	public final ResultsTable particleTable;

	private ResultViews(final ImagePlus classAverages, final Plot occupancyPlot,
		final ResultsTable classTable, final ResultsTable particleTable)
	{
		this.classAverages = classAverages;
		this.occupancyPlot = occupancyPlot;
		this.classTable = classTable;
		this.particleTable = particleTable;
	}

	/**
	 * Builds (but does not show) the views of a result.
	 *
	 * @param result the classification result
	 * @param inputTitle name of the input image, used in window titles
	 * @param metric metric name shown in titles, e.g. "W1"
	 */
	public static ResultViews of(final ClassificationResult result, final String inputTitle,
		final String metric)
	{
		final String of = inputTitle == null || inputTitle.isEmpty() ? "" : " of " + inputTitle;
		return new ResultViews(classAverages(result, "Class averages (" + metric + ")" + of),
			occupancyPlot(result, "Class occupancy (" + metric + ")" + of), classTable(result),
			particleTable(result));
	}

	/** @return the slice label of (0-based) class c, e.g. {@code class 3 (n=87)} */
	public static String classLabel(final ClassificationResult result, final int c) {
		return "class " + (c + 1) + " (n=" + result.occupancy[c] + ")";
	}

	/**
	 * Shows all views: the stack, the plot and both tables. When headless
	 * (macro batch mode), ImageJ 1.x has no table windows; the per-particle
	 * table then still becomes the system Results table, so {@code nResults}
	 * and {@code getResult} work, while the per-class table is only available
	 * to callers that hold this object (or the Fiji command's outputs).
	 */
	public void show() {
		classAverages.show();
		occupancyPlot.show();
		classTable.show(CLASS_TABLE_TITLE);
		particleTable.show(PARTICLE_TABLE_TITLE);
		// Showing a table as "Results" applies ImageJ's global precision to every
		// column; keep the integer columns integer.
		particleTable.setDecimalPlaces(0, 0);
		particleTable.setDecimalPlaces(1, 0);
		particleTable.show(PARTICLE_TABLE_TITLE);
		if (GraphicsEnvironment.isHeadless()) Analyzer.setResultsTable(particleTable);
	}

	static ImagePlus classAverages(final ClassificationResult r, final String title) {
		final int n = r.size;
		final ImageStack stack = new ImageStack(n, n);
		for (int c = 0; c < r.classCount(); c++)
			stack.addSlice(classLabel(r, c), new FloatProcessor(n, n, r.classAverages[c].clone()));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.getProcessor().resetMinAndMax();
		return imp;
	}

	static Plot occupancyPlot(final ClassificationResult r, final String title) {
		final int k = r.classCount();
		final double[] x = new double[k], y = new double[k];
		double max = 1;
		for (int c = 0; c < k; c++) {
			x[c] = c + 1;
			y[c] = r.occupancy[c];
			max = Math.max(max, y[c]);
		}
		final Plot plot = new Plot(title, "class", "particles");
		plot.add("separated bar", x, y);
		plot.setLimits(0.5, k + 0.5, 0, max * 1.05);
		return plot;
	}

	static ResultsTable classTable(final ClassificationResult r) {
		final ResultsTable rt = new ResultsTable();
		rt.showRowNumbers(false);
		for (int c = 0; c < r.classCount(); c++) {
			rt.incrementCounter();
			rt.addValue("class", c + 1);
			rt.addValue("occupancy", r.occupancy[c]);
			rt.addValue("mean distance", r.meanDistance(c));
		}
		rt.setDecimalPlaces(0, 0);
		rt.setDecimalPlaces(1, 0);
		return rt;
	}

	static ResultsTable particleTable(final ClassificationResult r) {
		final ResultsTable rt = new ResultsTable();
		rt.showRowNumbers(false);
		for (int i = 0; i < r.particleCount(); i++) {
			rt.incrementCounter();
			rt.addValue("particle", i + 1);
			rt.addValue("class", r.classOf[i] + 1);
			rt.addValue("angle", r.angleOf[i]);
			rt.addValue("distance", r.distanceOf[i]);
		}
		rt.setDecimalPlaces(0, 0);
		rt.setDecimalPlaces(1, 0);
		return rt;
	}
}
