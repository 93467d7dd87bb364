package org.cryoem.wasserstein.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.cryoem.wasserstein.Progress;
import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.cluster.MemoryEstimate;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Preprocessing;
import org.cryoem.wasserstein.ij1.OutputDirectory;
import org.cryoem.wasserstein.ij1.ResultViews;
import org.cryoem.wasserstein.io.ParticleInput;
import org.scijava.ItemIO;
import org.scijava.Named;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * Fiji command <i>Plugins › Cryo-EM › Wasserstein 2D Classes</i>:
 * rotation-invariant k-means 2D classification of a particle stack.
 * <p>
 * The input is an image of any real type: a 3D stack (x, y, particle) of square
 * particle images or a single 2D image. It is copied to float and never
 * modified. Parameter names are the macro keys and the same as those of the
 * ImageJ 1.x plugin {@code org.cryoem.wasserstein.ij1.Wasserstein_2D_Classes},
 * so one macro line works in both:
 * </p>
 * <pre>
 * run("Wasserstein 2D Classes", "classes=20 metric=W1 rotations=200 max_iterations=30 seed=1 mask_radius=-1 threads=0");
 * </pre>
 * <p>
 * Optional preprocessing ({@link Preprocessing}): {@code box=64} Fourier-crops
 * the images to 64×64 first (default 0: keep the size), {@code normalize}
 * normalises the background, {@code invert} inverts the contrast (both off by
 * default). A STAR file or an image stack on disk is classified by
 * {@link Wasserstein2DClassesFromFile}.
 * </p>
 * <p>
 * Parameters that determine the result are not persisted, so a macro that
 * leaves one out gets the documented default. Outputs (also shown as ImageJ
 * windows when there is a display or in macro batch mode, via
 * {@link ResultViews}): {@code class_averages}, {@code occupancy},
 * {@code class_table}, {@code particle_table}. Progress goes to the status
 * bar; cancelling the module (or interrupting its thread, or pressing Esc in
 * ImageJ) stops the run. Invalid input or parameters are shown in an error
 * dialog, or logged when headless.
 * </p>
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Wasserstein 2D Classes",
	label = "Wasserstein 2D Classes")
public class Wasserstein2DClasses extends ContextCommand {

	/** Title of messages and dialogs. */
	public static final String TITLE = "Wasserstein 2D Classes";

	@Parameter
	private LogService log;

	@Parameter
	private StatusService status;

	@Parameter
	private UIService ui;

	@Parameter(label = "Particle stack",
		description = "3D stack (x, y, particle) of square particle images, or one 2D image")
	private RandomAccessibleInterval<? extends RealType<?>> input;

	@Parameter(label = "classes", min = "1", persist = false,
		description = "Number of classes k")
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
		final ClassificationParameters p = parameters();
		final ParticleStack particles;
		try {
			OutputDirectory.check(output_dir, overwrite);
			// the float copy of the input and the run must fit in the heap
			MemoryEstimate.checkBeforeLoading(input.numDimensions() > 2 ? input.dimension(2) : 1, input
				.dimension(0), p);
			particles = ImgLib2Particles.toParticleStack(input);
			p.validate(particles.count(), particles.size());
		}
		catch (final IllegalArgumentException e) {
			fail(e.getMessage());
			return;
		}
		catch (final OutOfMemoryError e) {
			fail(OutputDirectory.OUT_OF_MEMORY);
			return;
		}

		final ClassificationResult result;
		final ParticleStack working;
		try {
			working = ParticleInput.prepare(particles, preprocessing(), p);
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
		status.showStatus(TITLE + ": " + result.classCount() + " classes, " + result.iterations() +
			" iterations");

		if (OutputDirectory.isRequested(output_dir)) {
			try {
				OutputDirectory.write(output_dir, working, p, result, inputName(), Double.NaN);
			}
			catch (final java.io.UncheckedIOException e) {
				fail(e.getMessage());
			}
		}
		final ResultViews views = ResultViews.of(result, inputName(), metric.toUpperCase(
			Locale.ROOT));
		class_averages = views.classAverages;
		occupancy = views.occupancyPlot.getImagePlus();
		class_table = views.classTable;
		particle_table = views.particleTable;
		if (canShow()) {
			views.show();
			shown = true;
		}
	}

	/**
	 * @return whether the outputs need no display by SciJava: {@link #run()} has
	 *         shown them as ImageJ windows, or there is no display (headless), so
	 *         {@link ShownOutputsPostprocessor} marks them resolved; their values
	 *         stay available to callers
	 */
	public boolean outputsHandled() {
		return shown || GraphicsEnvironment.isHeadless();
	}

	/** Names of the output parameters. */
	static final String[] OUTPUTS = { "class_averages", "occupancy", "class_table",
		"particle_table" };

	/** @return the core parameters for the current field values */
	ClassificationParameters parameters() {
		final ClassificationParameters p = new ClassificationParameters();
		p.classes = classes;
		p.metric = metric == null ? "" : metric.toLowerCase(Locale.ROOT);
		p.rotations = rotations;
		p.maxIterations = max_iterations;
		p.seed = seed;
		p.maskRadius = mask_radius;
		p.threads = threads;
		return p;
	}

	/** @return the preprocessing options for the current field values */
	Preprocessing preprocessing() {
		final Preprocessing prep = new Preprocessing();
		prep.box = box;
		prep.normalize = normalize;
		prep.invert = invert;
		return prep;
	}

	/** @return the name of a named input (e.g. a Dataset or ImgPlus), else "" */
	private String inputName() {
		final String name = input instanceof Named ? ((Named) input).getName() : null;
		// An unnamed image still needs a name for _rlnImageName in particles.star.
		return name == null || name.trim().isEmpty() ? "particles" : name;
	}

	private static boolean canShow() {
		return !GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode();
	}

	private void fail(final String message) {
		if (ui.isHeadless()) log.error(TITLE + ": " + message);
		else ui.showDialog(message, TITLE, DialogPrompt.MessageType.ERROR_MESSAGE);
	}
}
