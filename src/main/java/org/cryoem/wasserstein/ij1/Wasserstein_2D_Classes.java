package org.cryoem.wasserstein.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.io.File;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.cluster.MemoryEstimate;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Preprocessing;
import org.cryoem.wasserstein.io.ParticleInput;

/**
 * ImageJ 1.x menu command <i>Plugins › Cryo-EM › Wasserstein 2D Classes</i>: a
 * thin {@link GenericDialog} wrapper around {@link Classifier} for the current
 * image (a stack of square particle images of any bit depth; the image itself
 * is not modified).
 * <p>
 * The dialog's field names are the macro keys and equal the parameter names
 * of the Fiji command {@code org.cryoem.wasserstein.fiji.Wasserstein2DClasses},
 * so one macro line works in both:
 * </p>
 * <pre>
 * run("Wasserstein 2D Classes", "classes=20 metric=W1 rotations=200 max_iterations=30 seed=1 mask_radius=-1 threads=0");
 * </pre>
 * <p>
 * Keys: {@code classes} (k), {@code metric} (W1 or L2), {@code rotations}
 * (m in-plane rotations over 360°), {@code max_iterations}, {@code seed},
 * {@code mask_radius} (pixels; −1 = (N−1)/2, 0 = no mask), {@code threads}
 * (0 = all cores), {@code output_dir} (optional) and {@code overwrite}
 * (replace the results already in output_dir; without it such a directory is
 * refused). Keys left out of a macro
 * take the documented defaults, never values remembered from an earlier
 * interactive run, so macros are reproducible.
 * </p>
 * <p>
 * Preprocessing keys ({@link Preprocessing}): {@code box} (Fourier-crop to
 * box×box first; 0, the default, keeps the size), {@code normalize} and
 * {@code invert} (checkboxes, off by default).
 * </p>
 * <p>
 * Shows the views of {@link ResultViews}. Progress is shown on the status bar;
 * Esc cancels. Invalid parameters are reported with {@link IJ#error}.
 * </p>
 */
public class Wasserstein_2D_Classes implements PlugIn {

	/** Title of dialogs and messages. */
	public static final String TITLE = "Wasserstein 2D Classes";
	/** Choices of the {@code metric} field. */
	public static final String[] METRICS = { "W1", "L2" };

	/** The values of the last interactive run (never used for macros). */
	private static ClassifyFields last = new ClassifyFields();

	@Override
	public void run(final String arg) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.noImage();
			return;
		}
		final boolean macro = Macro.getOptions() != null;
		final GenericDialog gd = new GenericDialog(TITLE);
		(macro ? new ClassifyFields() : last).addTo(gd);
		gd.addMessage("Input: " + imp.getTitle() + " (" + imp.getStackSize() + " images of " +
			imp.getWidth() + "×" + imp.getHeight() + "). Esc cancels.");
		gd.showDialog();
		if (gd.wasCanceled()) return;

		try {
			final ClassifyFields f = ClassifyFields.readFrom(gd);
			if (!macro) last = f;
			final ClassificationParameters p = f.params;
			final Preprocessing prep = f.prep;
			final File dir = f.outputDir.isEmpty() ? null : new File(f.outputDir);
			OutputDirectory.check(dir, f.overwrite);
			// the float copy of the input and the run must fit in the heap
			MemoryEstimate.checkBeforeLoading(imp.getStackSize(), imp.getWidth(), p);
			final ParticleStack particles = ImagePlusParticles.toParticleStack(imp);
			p.validate(particles.count(), particles.size());
			classify(imp, ParticleInput.prepare(particles, prep, p), p, f.metric.toUpperCase(Locale.ROOT),
				dir, (double) particles.size() / prep.workingSize(particles.size()));
		}
		catch (final IllegalArgumentException e) {
			IJ.error(TITLE, e.getMessage());
		}
		catch (final OutOfMemoryError e) {
			IJ.error(TITLE, OutputDirectory.OUT_OF_MEMORY);
		}
	}

	private static void classify(final ImagePlus imp, final ParticleStack particles,
		final ClassificationParameters p, final String metric, final File dir, final double binning)
	{
		final IJ1Progress progress = new IJ1Progress(TITLE);
		final ClassificationResult result;
		try {
			result = Classifier.classify(particles, p, progress);
		}
		catch (final CancellationException e) {
			progress.done("cancelled");
			return;
		}
		catch (final OutOfMemoryError e) {
			progress.done("out of memory");
			IJ.error(TITLE, OutputDirectory.OUT_OF_MEMORY);
			return;
		}
		progress.done(result.classCount() + " classes, " + result.iterations() + " iterations");
		if (dir != null) {
			try {
				OutputDirectory.write(dir, particles, p, result, imp.getTitle(), binning * OutputDirectory
					.angstromPerPixel(imp.getCalibration().getUnit(), imp.getCalibration().pixelWidth));
			}
			catch (final java.io.UncheckedIOException e) {
				IJ.error(TITLE, e.getMessage());
			}
		}
		ResultViews.of(result, imp.getTitle(), metric).show();
	}
}
