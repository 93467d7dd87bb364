package org.cryoem.wasserstein.distance;

/**
 * Wavelet Earth mover's distance (Shirdhonkar and Jacobs 2008) as used by Rao,
 * Moscovich and Singer (2020). PLACEHOLDER: implemented in the wavelet work.
 */
public final class W1Metric implements Metric {

	public static final String NAME = "w1";

	public W1Metric(final String wavelet, final int levels, final String mode) {
		throw new UnsupportedOperationException("not yet implemented");
	}

	/** sym5, 6 levels, zero mode: the paper's reference settings. */
	public static W1Metric paperDefault() {
		return new W1Metric("sym5", 6, "zero");
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public int embeddingLength(final int size) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void embed(final float[] image, final int size, final float[] out) {
		throw new UnsupportedOperationException();
	}

	@Override
	public double partial(final float[] a, final float[] b, final double bound) {
		throw new UnsupportedOperationException();
	}

	@Override
	public double finish(final double cost) {
		return cost;
	}

	@Override
	public double cost(final double distance) {
		return distance;
	}
}
