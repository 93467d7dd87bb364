package org.cryoem.wasserstein.wavelet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the golden fixtures written by
 * {@code src/test/python/make_wavelet_fixtures.py} from the test classpath
 * ({@code /fixtures/wavelet/}).
 */
public final class WaveletFixtures {

	private static final String DIR = "/fixtures/wavelet/";

	private WaveletFixtures() {}

	/** @return the raw little-endian float32 file as floats */
	public static float[] floats(final String name) {
		final byte[] bytes = bytes(name);
		final float[] out = new float[bytes.length / 4];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(
			out);
		return out;
	}

	/** @return the non-comment lines of a .tsv file, split at tabs */
	public static List<String[]> table(final String name) {
		final List<String[]> rows = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name),
			StandardCharsets.UTF_8)))
		{
			String line;
			while ((line = r.readLine()) != null) {
				if (line.isEmpty() || line.startsWith("#")) continue;
				rows.add(line.split("\t"));
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		if (rows.isEmpty()) throw new IllegalStateException("empty fixture " + name);
		return rows;
	}

	private static byte[] bytes(final String name) {
		try (InputStream in = open(name)) {
			return in.readAllBytes();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static InputStream open(final String name) {
		final InputStream in = WaveletFixtures.class.getResourceAsStream(DIR + name);
		if (in == null) throw new IllegalStateException("missing test resource " +
			DIR + name + " (run src/test/python/make_wavelet_fixtures.py)");
		return in;
	}
}
