package org.cryoem.wasserstein.ij1;

import ij.gui.GenericDialog;

import java.awt.GraphicsEnvironment;
import java.util.Locale;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.image.Preprocessing;

/**
 * The classification fields shared by the ImageJ 1.x dialogs, with the macro
 * keys of the SciJava commands: {@code classes}, {@code metric},
 * {@code rotations}, {@code max_iterations}, {@code seed}, {@code mask_radius},
 * {@code threads}, {@code box}, {@code normalize}, {@code invert},
 * {@code output_dir} and {@code overwrite}. An instance holds the values shown
 * as defaults, or those read back from a dialog.
 */
final class ClassifyFields {

	final ClassificationParameters params = new ClassificationParameters();
	/** The metric as the dialog shows it: "W1" or "L2". */
	String metric = "W1";
	final Preprocessing prep = new Preprocessing();
	String outputDir = "";
	/** Never shown as a default: replacing results is a per-run choice. */
	boolean overwrite;

	/** Adds the fields to {@code gd}, with this instance's values as defaults. */
	void addTo(final GenericDialog gd) {
		gd.addNumericField("classes", params.classes, 0);
		gd.addChoice("metric", Wasserstein_2D_Classes.METRICS, metric);
		gd.addNumericField("rotations", params.rotations, 0);
		gd.addNumericField("max_iterations", params.maxIterations, 0);
		gd.addNumericField("seed", params.seed, 0);
		gd.addNumericField("mask_radius", params.maskRadius, 1, 6, "px (-1: (N-1)/2, 0: off)");
		gd.addNumericField("threads", params.threads, 0, 6, "(0: all cores)");
		gd.addNumericField("box", prep.box, 0, 6, "px (0: keep the size)");
		gd.addCheckbox("normalize", prep.normalize);
		gd.addCheckbox("invert", prep.invert);
		// same macro key either way; the headless dialog of ij1-patcher ignores
		// directory fields, so fall back to a plain string field there
		if (GraphicsEnvironment.isHeadless()) gd.addStringField("output_dir", outputDir, 30);
		else gd.addDirectoryField("output_dir", outputDir, 30);
		gd.addCheckbox("overwrite", false);
	}

	/**
	 * Reads the fields added by {@link #addTo} back from a shown dialog (the
	 * dialog's other fields of the same kinds must come before them).
	 *
	 * @throws IllegalArgumentException with a one-line message for a bad value
	 */
	static ClassifyFields readFrom(final GenericDialog gd) {
		final ClassifyFields f = new ClassifyFields();
		final ClassificationParameters p = f.params;
		p.classes = integer(gd.getNextNumber(), "classes");
		f.metric = gd.getNextChoice();
		p.metric = f.metric.toLowerCase(Locale.ROOT);
		p.rotations = integer(gd.getNextNumber(), "rotations");
		p.maxIterations = integer(gd.getNextNumber(), "max_iterations");
		final double seed = gd.getNextNumber();
		if (Double.isNaN(seed) || seed != Math.rint(seed)) throw new IllegalArgumentException(
			"seed must be an integer");
		p.seed = (long) seed;
		p.maskRadius = gd.getNextNumber();
		if (Double.isNaN(p.maskRadius)) throw new IllegalArgumentException(
			"mask_radius must be a number");
		p.threads = integer(gd.getNextNumber(), "threads");
		f.prep.box = integer(gd.getNextNumber(), "box");
		f.prep.normalize = gd.getNextBoolean();
		f.prep.invert = gd.getNextBoolean();
		f.outputDir = gd.getNextString().trim();
		f.overwrite = gd.getNextBoolean();
		return f;
	}

	private static int integer(final double value, final String name) {
		if (Double.isNaN(value) || value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(name + " must be an integer");
		}
		return (int) value;
	}
}
