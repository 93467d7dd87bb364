package org.cryoem.wasserstein.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.distance.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How C2 compiles the Vector API kernels, read from HotSpot's compilation
 * log ({@code -XX:+LogCompilation}) of a child JVM that runs a small W1
 * search. Two things there make a kernel slow without changing its results,
 * so no other test sees them:
 * <ul>
 * <li>an uncommon trap in a kernel's compiled code for a branch that the
 * warm-up never took ({@code unstable_if}): the kernel goes back to the
 * interpreter, where every vector operation runs the Vector API's Java
 * fallback, until C2 has compiled it again;</li>
 * <li>a call that C2 did not inline because the compiled unit was too big
 * (NodeCountInliningCutoff, DesiredMethodLimit): a Vector API operation not
 * inlined runs its Java fallback.</li>
 * </ul>
 * Skipped where the JVM has no Vector API kernels or no compilation log.
 */
class KernelCompileTest {

	private static final String KERNEL = "org.cryoem.wasserstein.distance.VectorKernel";

	/** The child: a W1 search of a few hundred noisy shapes, fast search, two threads. */
	public static void main(final String[] args) {
		final ClassificationParameters p = new ClassificationParameters();
		p.metric = "w1";
		p.classes = 12;
		p.rotations = 200;
		p.maxIterations = 3;
		p.seed = 5;
		p.threads = 2;
		p.search = "fast";
		final ClassificationResult r = Classifier.classify(TestImages.rotatedShapes(6, 60, 64, 1.0,
			3, new int[360]), p, null);
		System.out.println("classified " + r.classOf.length + " images");
	}

	// (W1 only: L2's kernel has no warm-up, and whether C2 compiles it during k-means++, whose
	// calls never reach its one-vector loop, so that the first Lloyd batch springs a trap, is
	// a race that comes and goes from run to run in a search this small)
	@Test
	void kernelsStayCompiled(@TempDir final Path tmp) throws IOException, InterruptedException {
		assumeTrue(Metrics.vectorised(), "no Vector API kernels in this JVM");
		final Path log = tmp.resolve("compilation.xml"), out = tmp.resolve("child.txt");
		final List<String> command = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty(
			"java.home"), "bin", "java").toString(), "--add-modules", "jdk.incubator.vector",
			"-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation", "-XX:LogFile=" + log,
			"-cp", System.getProperty("java.class.path"), KernelCompileTest.class.getName()));
		final Process child = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(out.toFile()).start();
		assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the child did not end");
		final String printed = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
		assertEquals(0, child.exitValue(), printed);
		assertTrue(printed.contains("classified 360 images"), printed);
		assumeTrue(Files.exists(log), "no compilation log");
		final String xml = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
		assumeTrue(xml.contains(KERNEL), "no kernel was compiled");

		final List<String> problems = problems(xml);
		assertTrue(problems.isEmpty(), String.join("\n", problems));
	}

	/** @return the kernels' traps and left-out calls in the compilation log */
	static List<String> problems(final String xml) {
		final Map<String, String> methodOf = new HashMap<>();
		final Matcher queued = Pattern.compile(
			"<task_queued compile_id='(\\d+)'[^>]*? method='([^']+)'").matcher(xml);
		while (queued.find())
			methodOf.put(queued.group(1), queued.group(2));
		final List<String> problems = new ArrayList<>();

		final Matcher trap = Pattern.compile(
			"<uncommon_trap thread='\\d+' reason='([^']+)'[^>]*? compile_id='(\\d+)'[^>]*>\\s*<jvms bci='(\\d+)' method='([^']+)'")
			.matcher(xml);
		while (trap.find()) {
			final String unit = methodOf.getOrDefault(trap.group(2), "");
			if (unit.startsWith(KERNEL) && trap.group(1).equals("unstable_if")) problems.add(
				"a branch the warm-up never took, in " + unit + ": bci " + trap.group(3) + " of " +
					trap.group(4));
		}

		// each compile task of a kernel: no call left out for the unit's size
		final Matcher task = Pattern.compile("<task compile_id='(\\d+)'[^>]*? method='(" +
			Pattern.quote(KERNEL) + " [^']+)'[^>]*>(.*?)</task>", Pattern.DOTALL).matcher(xml);
		final Pattern fail = Pattern.compile(
			"<inline_fail reason='([^']*(?:NodeCountInliningCutoff|DesiredMethodLimit|out of nodes)[^']*)'");
		while (task.find()) {
			final Matcher f = fail.matcher(task.group(3));
			while (f.find())
				problems.add("a call left out (" + f.group(1) + ") in " + task.group(2));
		}
		return problems;
	}

	@Test
	void problemsAreFound() {
		// the parser on the two shapes seen in real logs (compile ids, a trap, a left-out call)
		final String xml = "<task_queued compile_id='7' method='" + KERNEL +
			" w1Groups ([[F[III[[FII[F)I' bytes='172'/>\n" +
			"<uncommon_trap thread='1' reason='unstable_if' action='reinterpret' debug_id='0' compile_id='7' stamp='2.4'>\n" +
			"<jvms bci='65' method='" + KERNEL + " w1Groups ([[F[III[[FII[F)I' bytes='172'/>\n" +
			"</uncommon_trap>\n" +
			"<uncommon_trap thread='1' reason='range_check' action='make_not_entrant' compile_id='7' stamp='2.5'>\n" +
			"<jvms bci='3' method='java.util.Objects checkIndex (II)I'/>\n</uncommon_trap>\n" +
			"<task compile_id='9' method='" + KERNEL + " w1Slots ([[F[IIII[[FII[F)V' bytes='1430'>\n" +
			"<call method='1283' count='1653383' inline='1'/>\n" +
			"<inline_fail reason='NodeCountInliningCutoff'/>\n" +
			"<inline_fail reason='hot method too big'/>\n</task>\n";
		final List<String> problems = problems(xml);
		assertEquals(2, problems.size(), problems.toString());
		assertTrue(problems.get(0).contains("bci 65"), problems.get(0));
		assertTrue(problems.get(1).contains("NodeCountInliningCutoff") && problems.get(1).contains(
			"w1Slots"), problems.get(1));
	}
}
