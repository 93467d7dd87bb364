package org.cryoem.wasserstein.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of daemon worker threads that runs index ranges in parallel.
 * Work is split into contiguous chunks; which thread runs a chunk never
 * affects results as long as each index is computed independently.
 */
final class Workers implements AutoCloseable {

	/** Work on the half-open index range [from, to). */
	interface RangeTask {
		void run(int from, int to);
	}

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final int threads;
	private final ExecutorService pool;

	Workers(final int threads) {
		this.threads = Math.max(1, threads);
		final int id = POOLS.incrementAndGet();
		final AtomicInteger count = new AtomicInteger();
		this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
			final Thread t = new Thread(r, "w2d-" + id + "-worker-" + count.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
	}

	int threads() {
		return threads;
	}

	/** Runs {@code task} over [0, n) split into chunks, and waits for all of them. */
	void forRange(final int n, final RangeTask task) {
		if (n <= 0) return;
		if (pool == null || n == 1) {
			task.run(0, n);
			return;
		}
		final int chunks = Math.min(n, threads * 4);
		final List<Future<?>> futures = new ArrayList<>(chunks);
		for (int c = 0; c < chunks; c++) {
			final int from = (int) ((long) n * c / chunks);
			final int to = (int) ((long) n * (c + 1) / chunks);
			futures.add(pool.submit(() -> task.run(from, to)));
		}
		try {
			for (final Future<?> f : futures)
				f.get();
		}
		catch (final InterruptedException e) {
			futures.forEach(f -> f.cancel(true));
			Thread.currentThread().interrupt();
			throw new CancellationException("Interrupted");
		}
		catch (final ExecutionException e) {
			futures.forEach(f -> f.cancel(true));
			final Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException(cause);
		}
	}

	@Override
	public void close() {
		if (pool != null) pool.shutdownNow();
	}
}
