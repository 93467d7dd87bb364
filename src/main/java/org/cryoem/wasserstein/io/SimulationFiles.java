package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoem.wasserstein.image.ParticleStack;

/**
 * The files of a simulated data set: {@value #PARTICLES} (noisy),
 * {@value #CLEAN} (noise-free) and {@value #TRUTH} (RELION angles, see
 * {@link AnglesStar}).
 */
public final class SimulationFiles {

	/** Noisy projections. */
	public static final String PARTICLES = "particles.mrcs";
	/** Noise-free projections. */
	public static final String CLEAN = "clean.mrcs";
	/** True orientations. */
	public static final String TRUTH = "truth.star";

	private SimulationFiles() {}

	/**
	 * Writes the three files into {@code dir} (created if needed).
	 *
	 * @param angles per image {rot, tilt, psi} in degrees
	 * @param pixelSize pixel size in Å, NaN when unknown
	 */
	public static void write(final Path dir, final ParticleStack noisy, final ParticleStack clean,
		final double[][] angles, final double pixelSize) throws IOException
	{
		Files.createDirectories(dir);
		Mrc.writeStack(dir.resolve(PARTICLES), noisy, pixelSize);
		Mrc.writeStack(dir.resolve(CLEAN), clean, pixelSize);
		AnglesStar.write(dir.resolve(TRUTH), PARTICLES, angles);
	}
}
