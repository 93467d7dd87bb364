package org.cryoem.wasserstein.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.cryoem.wasserstein.io.ClassSelection;

/**
 * ImageJ 1.x menu command <i>Plugins › Cryo-EM › Select 2D Classes</i>: writes
 * the particles of chosen classes of a finished run as a STAR file
 * ({@link ClassSelection}). Same label and keys as the Fiji command
 * {@code org.cryoem.wasserstein.fiji.Select2DClasses}:
 * <pre>
 * run("Select 2D Classes", "run=/data/w2d classes=1,4,7 min_occupancy=0 output=/data/subset.star");
 * </pre>
 * <p>
 * Keys: {@code run} (the run's output directory), {@code classes} (e.g.
 * {@code 1,4,7} or {@code 1-3,8}; class c is slice c of the class averages,
 * largest first), {@code min_occupancy} (least particles per chosen class, 0 =
 * no limit; with both keys a class must satisfy both) and {@code output} (the
 * STAR file). Run interactively, it asks for the run first, then shows its
 * class averages (stack and labelled montage) while asking for the classes.
 * </p>
 */
public class Select_2D_Classes implements PlugIn {

	/** Title of dialogs and messages. */
	public static final String TITLE = "Select 2D Classes";

	private static String lastRun = "";

	@Override
	public void run(final String arg) {
		final boolean macro = Macro.getOptions() != null;
		final boolean headless = GraphicsEnvironment.isHeadless();
		final GenericDialog first = new GenericDialog(TITLE);
		if (headless) first.addStringField("run", macro ? "" : lastRun, 40);
		else first.addDirectoryField("run", macro ? "" : lastRun, 40);
		first.addMessage("The output directory of a Wasserstein 2D Classes run.");
		first.showDialog();
		if (first.wasCanceled()) return;
		final String run = first.getNextString().trim();
		if (!macro) lastRun = run;
		try {
			if (run.isEmpty()) throw new IllegalArgumentException("No run directory given");
			final Path dir = Paths.get(run);
			final int k = ClassSelection.classCount(dir);
			ImagePlus montage = null;
			if (!macro && !headless) {
				final ImagePlus stack = ClassAveragesView.stack(dir);
				stack.show();
				montage = ClassAveragesView.montage(stack);
				montage.show();
			}
			final GenericDialog gd = new GenericDialog(TITLE);
			final java.awt.Window mw = montage == null ? null : ClassAveragesView.placeAtLeft(montage);
			if (mw != null) {
				// the (modal) dialog beside the montage
				gd.centerDialog(false);
				gd.setLocation(mw.getX() + mw.getWidth() + 10, mw.getY());
			}
			gd.addStringField("classes", "", 30);
			gd.addNumericField("min_occupancy", 0, 0, 6, "particles (0: no limit)");
			final String defaultOutput = dir.resolve("..").normalize().resolve("subset.star")
				.toString();
			if (headless) gd.addStringField("output", macro ? "" : defaultOutput, 40);
			else gd.addFileField("output", macro ? "" : defaultOutput, 40);
			gd.addMessage("Class c is slice c of the class averages (1-" + k +
				", largest first),\ne.g. 1,4,7 or 1-3,8.");
			gd.showDialog();
			if (montage != null) montage.close();
			if (gd.wasCanceled()) return;
			final String classes = gd.getNextString();
			final double min = gd.getNextNumber();
			if (Double.isNaN(min) || min != Math.rint(min)) throw new IllegalArgumentException(
				"min_occupancy must be a whole number");
			final String output = gd.getNextString().trim();
			final ClassSelection.Result r = ClassSelection.select(dir, ClassSelection.parseClasses(
				classes), (int) min, output.isEmpty() ? null : Paths.get(output));
			IJ.log(TITLE + ": " + r.particles + " of " + r.total + " particles in " + r.classes.length +
				" classes written to " + r.output);
		}
		catch (final IllegalArgumentException | IOException e) {
			IJ.error(TITLE, e.getMessage());
		}
	}
}
