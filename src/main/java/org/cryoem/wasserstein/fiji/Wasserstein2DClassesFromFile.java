package org.cryoem.wasserstein.fiji;

import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

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
import org.cryoem.wasserstein.ij1.OutputDirectory;
import org.cryoem.wasserstein.ij1.ResultViews;
import org.cryoem.wasserstein.io.ParticleInput;
import org.cryoem.wasserstein.io.StarOutput;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * Fiji command <i>Plugins › Cryo-EM › Wasserstein 2D Classes from File</i>:
 * the classification of {@link Wasserstein2DClasses} for particles on disk,
 * given as a RELION/cryoSPARC STAR file (every image its
 * {@code _rlnImageName} names) or an {@code .mrcs}/{@code .mrc}/{@code .tif}
 * stack, with the same parameters plus {@code input_file}. With
 * {@code output_dir}, a STAR input's {@code particles.star} repeats the input
 * STAR file with the run's columns added (see {@link StarOutput}), ready for
 * <i>Select 2D Classes</i>. The ImageJ 1.x plugin
 * {@code org.cryoem.wasserstein.ij1.Wasserstein_2D_Classes_From_File} has the
 * same label and keys:
 * <pre>
 * run("Wasserstein 2D Classes from File", "input_file=/data/particles.star classes=20 box=64 normalize output_dir=/data/w2d");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Wasserstein 2D Classes from File",
	label = "Wasserstein 2D Classes from File")
public class Wasserstein2DClassesFromFile extends ContextCommand {

	/** Title of messages and dialogs. */
	public static final String TITLE = "Wasserstein 2D Classes from File";

	@Parameter
	private LogService log;

	@Parameter
	private StatusService status;

	@Parameter
	private UIService ui;

	@Parameter(label = "input_file", style = "open", persist = false,
		description = "RELION/cryoSPARC .star file, or an .mrcs, .mrc or .tif stack")
	private File input_file;

	@Parameter(label = "classes", min = "1", persist = false, description = "Number of classes k")
	private int classes = 20;

	@Parameter(label = "metric", choices = { "W1", "L2" }, persist = false,
		description = "W1: wavelet Earth mover's distance; L2: Euclidean")
	private String metric = "W1";

	@Parameter(label = "rotations", min = "1", persist = false,
		description = "Number of equally spaced in-plane rotations over 360°")
	private int rotations = 200;

	@Parameter(label = "max_iterations", min = "1", persist = false,
		description = "Maximum number of Lloyd iterations")
	private int max_iterations = 30;

	@Parameter(label = "seed", persist = false, description = "Random seed of k-means++")
	private long seed = 1;

	@Parameter(label = "mask_radius", persist = false,
		description = "Circular mask radius in pixels; -1: (N-1)/2, 0: no mask")
	private double mask_radius = -1;

	@Parameter(label = "threads", min = "0", description = "Worker threads; 0: all cores")
	private int threads = 0;

	@Parameter(label = "box", min = "0", persist = false,
		description = "Fourier-crop the images to box×box before classifying; 0: keep the size")
	private int box = 0;

	@Parameter(label = "normalize", persist = false,
		description = "Zero mean, unit standard deviation of the background outside the mask")
	private boolean normalize = false;

	@Parameter(label = "invert", persist = false, description = "Invert the contrast")
	private boolean invert = false;

	@Parameter(label = "output_dir", style = "directory", required = false, persist = false,
		description = "Optional directory for the same files as the command-line tool")
	private File output_dir;

	@Parameter(label = "overwrite", required = false, persist = false,
		description = "Replace the results already in output_dir (otherwise such a directory is refused)")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Class averages")
	private ImagePlus class_averages;

	@Parameter(type = ItemIO.OUTPUT, label = "Class occupancy")
	private ImagePlus occupancy;

	@Parameter(type = ItemIO.OUTPUT, label = ResultViews.CLASS_TABLE_TITLE)
	private ResultsTable class_table;

	@Parameter(type = ItemIO.OUTPUT, label = "Particles")
	private ResultsTable particle_table;

	private boolean shown;

	@Override
	public void run() {
		final ClassificationParameters p = new ClassificationParameters();
		p.classes = classes;
		p.metric = metric == null ? "" : metric.toLowerCase(Locale.ROOT);
		p.rotations = rotations;
		p.maxIterations = max_iterations;
		p.seed = seed;
		p.maskRadius = mask_radius;
		p.threads = threads;
		final Preprocessing prep = new Preprocessing();
		prep.box = box;
		prep.normalize = normalize;
		prep.invert = invert;

		final ParticleInput input;
		final ParticleStack working;
		try {
			if (input_file == null) throw new IllegalArgumentException("No input_file given");
			OutputDirectory.check(output_dir, overwrite);
			input = ParticleInput.read(input_file.toPath(), prep, p);
			working = input.stack;
		}
		catch (final IllegalArgumentException | IOException e) {
			fail(e.getMessage());
			return;
		}
		catch (final OutOfMemoryError e) {
			fail(OutputDirectory.OUT_OF_MEMORY);
			return;
		}

		final ClassificationResult result;
		try {
			result = Classifier.classify(working, p, new StatusProgress(status, TITLE,
				this::isCanceled));
		}
		catch (final CancellationException e) {
			status.showStatus(TITLE + ": cancelled");
			return;
		}
		catch (final IllegalArgumentException e) {
			fail(e.getMessage());
			return;
		}
		catch (final OutOfMemoryError e) {
			fail(OutputDirectory.OUT_OF_MEMORY);
			return;
		}
		finally {
			status.clearStatus();
		}
		if (OutputDirectory.isRequested(output_dir)) {
			try {
				StarOutput.write(output_dir.toPath(), input, p, result);
			}
			catch (final IOException e) {
				fail("Could not write " + output_dir + ": " + e.getMessage());
			}
		}
		final ResultViews views = ResultViews.of(result, input.name(), metric.toUpperCase(
			Locale.ROOT));
		class_averages = views.classAverages;
		occupancy = views.occupancyPlot.getImagePlus();
		class_table = views.classTable;
		particle_table = views.particleTable;
		if (!GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode()) {
			views.show();
			shown = true;
		}
	}

	/** @see Wasserstein2DClasses#outputsHandled() */
	public boolean outputsHandled() {
		return shown || GraphicsEnvironment.isHeadless();
	}

	private void fail(final String message) {
		if (ui.isHeadless()) log.error(TITLE + ": " + message);
		else ui.showDialog(message, TITLE, DialogPrompt.MessageType.ERROR_MESSAGE);
	}
}
