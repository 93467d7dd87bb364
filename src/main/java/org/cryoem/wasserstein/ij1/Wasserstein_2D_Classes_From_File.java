package org.cryoem.wasserstein.ij1;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Preprocessing;
import org.cryoem.wasserstein.io.ParticleInput;
import org.cryoem.wasserstein.io.StarOutput;

/**
 * ImageJ 1.x menu command <i>Plugins › Cryo-EM › Wasserstein 2D Classes from
 * File</i>: {@link Wasserstein_2D_Classes} for particles on disk, a
 * RELION/cryoSPARC {@code .star} file or an {@code .mrcs}/{@code .mrc}/
 * {@code .tif} stack ({@code input_file}), with the same keys. Same label and
 * keys as the Fiji command
 * {@code org.cryoem.wasserstein.fiji.Wasserstein2DClassesFromFile}:
 * <pre>
 * run("Wasserstein 2D Classes from File", "input_file=/data/particles.star classes=20 box=64 normalize output_dir=/data/w2d");
 * </pre>
 * Keys left out of a macro take their defaults.
 */
public class Wasserstein_2D_Classes_From_File implements PlugIn {

	/** Title of dialogs and messages. */
	public static final String TITLE = "Wasserstein 2D Classes from File";

	private static String lastFile = "";
	private static String lastOutputDir = "";

	@Override
	public void run(final String arg) {
		final boolean macro = Macro.getOptions() != null;
		final ClassificationParameters p = new ClassificationParameters();
		final GenericDialog gd = new GenericDialog(TITLE);
		final boolean headless = GraphicsEnvironment.isHeadless();
		// the headless dialog of ij1-patcher ignores file fields: plain strings there
		if (headless) gd.addStringField("input_file", macro ? "" : lastFile, 30);
		else gd.addFileField("input_file", macro ? "" : lastFile, 30);
		gd.addNumericField("classes", p.classes, 0);
		gd.addChoice("metric", Wasserstein_2D_Classes.METRICS, "W1");
		gd.addNumericField("rotations", p.rotations, 0);
		gd.addNumericField("max_iterations", p.maxIterations, 0);
		gd.addNumericField("seed", p.seed, 0);
		gd.addNumericField("mask_radius", p.maskRadius, 1, 6, "px (-1: (N-1)/2, 0: off)");
		gd.addNumericField("threads", p.threads, 0, 6, "(0: all cores)");
		gd.addNumericField("box", 0, 0, 6, "px (0: keep the size)");
		gd.addCheckbox("normalize", false);
		gd.addCheckbox("invert", false);
		if (headless) gd.addStringField("output_dir", macro ? "" : lastOutputDir, 30);
		else gd.addDirectoryField("output_dir", macro ? "" : lastOutputDir, 30);
		gd.addCheckbox("overwrite", false); // never remembered: replacing results is a per-run choice
		gd.addMessage("input_file: a RELION/cryoSPARC .star file or an .mrcs/.mrc/.tif stack.");
		gd.showDialog();
		if (gd.wasCanceled()) return;

		try {
			final String file = gd.getNextString().trim();
			final String metric = gd.getNextChoice();
			p.classes = integer(gd.getNextNumber(), "classes");
			p.metric = metric.toLowerCase(Locale.ROOT);
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
			final Preprocessing prep = new Preprocessing();
			prep.box = integer(gd.getNextNumber(), "box");
			prep.normalize = gd.getNextBoolean();
			prep.invert = gd.getNextBoolean();
			final String outputDir = gd.getNextString().trim();
			final boolean overwrite = gd.getNextBoolean();
			if (!macro) {
				lastFile = file;
				lastOutputDir = outputDir;
			}
			if (file.isEmpty()) throw new IllegalArgumentException("No input_file given");
			final File dir = outputDir.isEmpty() ? null : new File(outputDir);
			OutputDirectory.check(dir, overwrite);
			final ParticleInput input = ParticleInput.read(new File(file).toPath(), prep, p);
			final ParticleStack working = input.stack;
			final IJ1Progress progress = new IJ1Progress(TITLE);
			final ClassificationResult result;
			try {
				result = Classifier.classify(working, p, progress);
			}
			catch (final CancellationException e) {
				progress.done("cancelled");
				return;
			}
			progress.done(result.classCount() + " classes, " + result.iterations() + " iterations");
			if (dir != null) StarOutput.write(dir.toPath(), input, p, result);
			ResultViews.of(result, input.name(), metric.toUpperCase(Locale.ROOT)).show();
		}
		catch (final IllegalArgumentException | IOException e) {
			IJ.error(TITLE, e.getMessage());
		}
		catch (final OutOfMemoryError e) {
			IJ.error(TITLE, OutputDirectory.OUT_OF_MEMORY);
		}
	}

	private static int integer(final double value, final String name) {
		if (Double.isNaN(value) || value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(name + " must be an integer");
		}
		return (int) value;
	}
}
