package org.cryoem.wasserstein.ij1;

import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.MontageMaker;
import ij.process.FloatProcessor;

import java.io.IOException;
import java.nio.file.Path;

import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.ClassSelection;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.RunWriter;

/**
 * The class averages of a finished run as ImageJ images, for picking classes
 * in <i>Select 2D Classes</i>: the stack (slice c = class c, labelled
 * {@code class c (n=…)}, as {@link ResultViews} labels them) and a labelled
 * montage that stays readable while a modal dialog is open.
 */
public final class ClassAveragesView {

	private ClassAveragesView() {}

	/**
	 * @param runDir a run's output directory
	 * @return its {@value RunWriter#CLASS_AVERAGES} as a labelled float stack
	 */
	public static ImagePlus stack(final Path runDir) throws IOException {
		final ParticleStack averages = Mrc.readStack(runDir.resolve(RunWriter.CLASS_AVERAGES));
		final int[] occupancy = ClassSelection.occupancy(runDir);
		final int n = averages.size();
		final ImageStack stack = new ImageStack(n, n);
		for (int c = 0; c < averages.count(); c++)
			stack.addSlice("class " + (c + 1) + " (n=" + (c < occupancy.length ? occupancy[c] : 0) + ")",
				new FloatProcessor(n, n, averages.image(c).clone()));
		final ImagePlus imp = new ImagePlus("Class averages of " + runDir.getFileName(), stack);
		imp.getProcessor().resetMinAndMax();
		return imp;
	}

	/**
	 * Moves a shown image's window to the left edge of the screen, just below
	 * ImageJ's main window, where a centred modal dialog does not hide it.
	 *
	 * @return the window, or null if the image is not shown
	 */
	public static java.awt.Window placeAtLeft(final ImagePlus imp) {
		final java.awt.Window w = imp.getWindow();
		if (w == null) return null;
		final java.awt.Window bar = ij.IJ.getInstance();
		w.setLocation(0, bar == null ? 0 : bar.getY() + bar.getHeight());
		return w;
	}

	/**
	 * @param stack the stack from {@link #stack(Path)}
	 * @return a montage of all slices with their labels, tiles of at least
	 *         about 96 pixels (64 when there are many), at most about 1000 pixels
	 *         wide
	 */
	public static ImagePlus montage(final ImagePlus stack) {
		final int k = stack.getStackSize();
		final int columns = (int) Math.ceil(Math.sqrt(k));
		final int rows = (k + columns - 1) / columns;
		// tiles of at least about 96 pixels, so that small averages and their
		// labels stay readable, and at most about 1000 pixels in all
		final int n = stack.getWidth();
		final double scale = Math.min(Math.max(1.0, 96.0 / n), Math.max(1000.0 / (columns * n),
			64.0 / n));
		final ImagePlus m = new MontageMaker().makeMontage2(stack, columns, rows, scale, 1, k, 1, 1,
			true);
		m.setTitle("Montage of " + stack.getTitle());
		return m;
	}
}
