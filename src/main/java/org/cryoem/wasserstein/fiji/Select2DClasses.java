package org.cryoem.wasserstein.fiji;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;

import org.cryoem.wasserstein.ij1.ClassAveragesView;
import org.cryoem.wasserstein.io.ClassSelection;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * Fiji command <i>Plugins › Cryo-EM › Select 2D Classes</i>: writes the
 * particles of chosen classes of a finished run as a STAR file, thin glue over
 * {@link ClassSelection}. Same label and macro keys as the ImageJ 1.x plugin
 * {@code org.cryoem.wasserstein.ij1.Select_2D_Classes}:
 * <pre>
 * run("Select 2D Classes", "run=/data/w2d classes=1,4,7 min_occupancy=0 output=/data/subset.star");
 * </pre>
 * <p>
 * In the dialog, choosing the run directory opens its class averages (a stack
 * labelled {@code class c (n=…)} and a labelled montage) so that classes can
 * be picked by slice number. Nothing is persisted, so a macro gets exactly the
 * keys it names. The number of particles written goes to the log.
 * </p>
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Select 2D Classes",
	label = "Select 2D Classes")
public class Select2DClasses extends ContextCommand {

	/** Title of messages and dialogs. */
	public static final String TITLE = "Select 2D Classes";

	@Parameter
	private LogService log;

	@Parameter
	private UIService ui;

	@Parameter(label = "run", style = "directory", persist = false, callback = "runChanged",
		description = "Output directory of a Wasserstein 2D Classes run")
	private File run;

	@Parameter(label = "classes", required = false, persist = false,
		description = "Classes to keep (slices of the class averages), e.g. 1,4,7 or 1-3,8")
	private String classes = "";

	@Parameter(label = "min_occupancy", min = "0", persist = false,
		description = "Keep only classes with at least this many particles; 0: no limit")
	private int min_occupancy = 0;

	@Parameter(label = "output", style = "save", persist = false,
		description = "STAR file to write")
	private File output;

	private ImagePlus shownStack, shownMontage;

	/** Shows the class averages of a newly chosen run (interactive dialogs only). */
	protected void runChanged() {
		if (ui == null || ui.isHeadless() || run == null || !run.isDirectory()) return;
		try {
			if (shownStack != null) shownStack.close();
			if (shownMontage != null) shownMontage.close();
			shownStack = ClassAveragesView.stack(run.toPath());
			shownStack.show();
			shownMontage = ClassAveragesView.montage(shownStack);
			shownMontage.show();
			ClassAveragesView.placeAtLeft(shownMontage);
		}
		catch (final IOException | RuntimeException e) {
			log.warn(TITLE + ": cannot show the class averages of " + run + ": " + e.getMessage());
		}
	}

	@Override
	public void run() {
		if (shownMontage != null) shownMontage.close();
		try {
			if (run == null) throw new IllegalArgumentException("No run directory given");
			final ClassSelection.Result r = ClassSelection.select(run.toPath(), ClassSelection
				.parseClasses(classes), min_occupancy, output == null ? null : output.toPath());
			log.info(TITLE + ": " + r.particles + " of " + r.total + " particles in " + r.classes.length +
				" classes written to " + r.output);
		}
		catch (final IllegalArgumentException | IOException e) {
			if (ui.isHeadless()) log.error(TITLE + ": " + e.getMessage());
			else ui.showDialog(e.getMessage(), TITLE, DialogPrompt.MessageType.ERROR_MESSAGE);
		}
	}
}
