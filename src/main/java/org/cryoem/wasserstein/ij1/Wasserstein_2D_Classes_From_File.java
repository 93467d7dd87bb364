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
		final GenericDialog gd = new GenericDialog(TITLE);
		// the headless dialog of ij1-patcher ignores file fields: plain strings there
		if (GraphicsEnvironment.isHeadless()) gd.addStringField("input_file", macro ? "" : lastFile, 30);
		else gd.addFileField("input_file", macro ? "" : lastFile, 30);
		final ClassifyFields defaults = new ClassifyFields();
		if (!macro) defaults.outputDir = lastOutputDir;
		defaults.addTo(gd);
		gd.addMessage("input_file: a RELION/cryoSPARC .star file or an .mrcs/.mrc/.tif stack.");
		gd.showDialog();
		if (gd.wasCanceled()) return;

		try {
			final String file = gd.getNextString().trim();
			final ClassifyFields f = ClassifyFields.readFrom(gd);
			final ClassificationParameters p = f.params;
			if (!macro) {
				lastFile = file;
				lastOutputDir = f.outputDir;
			}
			if (file.isEmpty()) throw new IllegalArgumentException("No input_file given");
			final File dir = f.outputDir.isEmpty() ? null : new File(f.outputDir);
			OutputDirectory.check(dir, f.overwrite);
			final ParticleInput input = ParticleInput.read(new File(file).toPath(), f.prep, p);
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
			ResultViews.of(result, input.name(), f.metric.toUpperCase(Locale.ROOT)).show();
		}
		catch (final IllegalArgumentException | IOException e) {
			IJ.error(TITLE, e.getMessage());
		}
		catch (final OutOfMemoryError e) {
			IJ.error(TITLE, OutputDirectory.OUT_OF_MEMORY);
		}
	}
}
