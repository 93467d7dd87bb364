package org.cryoem.wasserstein.fiji;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.CancellationException;

import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.MrcData;
import org.cryoem.wasserstein.io.SimulationFiles;
import org.cryoem.wasserstein.simulate.Projector;
import org.cryoem.wasserstein.simulate.Simulator;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

import ij.ImagePlus;
import ij.ImageStack;
import ij.macro.Interpreter;
import ij.process.FloatProcessor;

/**
 * Fiji command <i>Plugins › Cryo-EM › Simulate Projections</i>: noisy
 * projections of an MRC map at uniformly random orientations (the core
 * {@link Simulator}), shown as a stack and optionally written as
 * particles.mrcs, clean.mrcs and truth.star, like the command line's
 * {@code simulate}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Simulate Projections",
	label = "Simulate Projections")
public class SimulateProjections extends ContextCommand {

	/** Title of messages. */
	public static final String TITLE = "Simulate Projections";

	@Parameter
	private LogService log;

	@Parameter
	private StatusService status;

	@Parameter
	private UIService ui;

	@Parameter(label = "map", style = "extensions:mrc/map", persist = false,
		description = "Cubic 3D map (MRC)")
	private File map;

	@Parameter(label = "count", min = "1", persist = false, description = "Number of images")
	private int count = 1000;

	@Parameter(label = "size", min = "16", persist = false, description = "Image edge in pixels")
	private int size = 64;

	@Parameter(label = "snr", persist = false,
		description = "Signal-to-noise ratio: mean squared clean pixel / noise variance")
	private double snr = 0.125;

	@Parameter(label = "seed", persist = false, description = "Random seed")
	private long seed = 1;

	@Parameter(label = "mask", persist = false, description = "Circular mask of radius (S-1)/2")
	private boolean mask = false;

	@Parameter(label = "threads", min = "0", description = "Worker threads; 0: all cores")
	private int threads = 0;

	@Parameter(label = "output_dir", style = "directory", required = false, persist = false,
		description = "Optional directory for particles.mrcs, clean.mrcs and truth.star")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT, label = "Particles")
	private ImagePlus particles;

	@Override
	public void run() {
		final Simulator.Simulation sim;
		final MrcData data;
		try {
			final Simulator.Parameters p = new Simulator.Parameters();
			p.count = count;
			p.size = size;
			p.snr = snr;
			p.seed = seed;
			p.threads = threads;
			p.maskRadius = mask ? (size - 1) / 2.0 : 0;
			p.validate();
			data = Mrc.read(map.toPath());
			if (data.nx() != data.ny() || data.ny() != data.nz()) throw new IllegalArgumentException(
				map + ": the map must be cubic");
			sim = Simulator.simulate(new Projector(data.data(), data.nx()), p, new StatusProgress(
				status, TITLE, this::isCanceled));
			if (output_dir != null && !output_dir.getPath().trim().isEmpty()) {
				SimulationFiles.write(output_dir.toPath(), sim.noisy, sim.clean, sim.angles, data
					.voxelSize() > 0 ? data.voxelSize() * data.nx() / size : Double.NaN);
			}
		}
		catch (final CancellationException e) {
			status.showStatus(TITLE + ": cancelled");
			return;
		}
		catch (final IllegalArgumentException | IOException e) {
			if (ui.isHeadless()) log.error(TITLE + ": " + e.getMessage());
			else ui.showDialog(e.getMessage(), TITLE, DialogPrompt.MessageType.ERROR_MESSAGE);
			return;
		}
		finally {
			status.clearStatus();
		}
		particles = toImagePlus(sim.noisy, "Projections of " + map.getName());
		if (!GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode()) particles.show();
	}

	private static ImagePlus toImagePlus(final ParticleStack s, final String title) {
		final ImageStack stack = new ImageStack(s.size(), s.size());
		for (int i = 0; i < s.count(); i++)
			stack.addSlice(String.format("%06d", i + 1), new FloatProcessor(s.size(), s.size(), s
				.image(i).clone()));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.getProcessor().resetMinAndMax();
		return imp;
	}
}
