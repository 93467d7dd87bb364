package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.cryoem.wasserstein.image.ParticleStack;

/** Small RELION 3.1 projects made in a test's temporary directory. */
public final class StarFixtures {

	private StarFixtures() {}

	/**
	 * Writes {@code dir/Extract/stack.mrcs} (pixel size 2 Å) and
	 * {@code dir/particles.star}: a data_optics block and one data_particles row
	 * per image, in order, with a few extra columns.
	 *
	 * @return the STAR file
	 */
	public static Path relion31(final Path dir, final ParticleStack images) throws IOException {
		Files.createDirectories(dir.resolve("Extract"));
		Mrc.writeStack(dir.resolve("Extract/stack.mrcs"), images, 2.0);
		final StringBuilder s = new StringBuilder("\n# version 30001\n\ndata_optics\n\nloop_\n" +
			"_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n_rlnVoltage #3\n_rlnImagePixelSize #4\n" +
			"_rlnImageSize #5\n_rlnImageDimensionality #6\nopticsGroup1 1 300.0 2.0 " + images.size() +
			" 2\n\n# version 30001\n\ndata_particles\n\nloop_\n_rlnImageName #1\n" +
			"_rlnMicrographName #2\n_rlnOpticsGroup #3\n_rlnDefocusU #4\n");
		for (int i = 0; i < images.count(); i++)
			s.append(String.format(Locale.ROOT, "%06d@Extract/stack.mrcs mics/m%d.mrc 1 %d.0\n", i + 1,
				i % 4, 15000 + 10 * i));
		final Path star = dir.resolve("particles.star");
		Files.write(star, s.toString().getBytes(StandardCharsets.UTF_8));
		return star;
	}
}
