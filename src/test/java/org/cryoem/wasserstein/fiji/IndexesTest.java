package org.cryoem.wasserstein.fiji;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The two compile-time indexes exist and name our classes: scijava-common's
 * plugin index (how Fiji finds the command) and scijava-ops-indexer's
 * ops.yaml (how SciJava Ops finds the distance ops).
 */
class IndexesTest {

	private static String readAll(final String resource) throws IOException {
		final List<URL> urls = Collections.list(IndexesTest.class.getClassLoader().getResources(
			resource));
		assertFalse(urls.isEmpty(), resource + " not found on the class path");
		final StringBuilder sb = new StringBuilder();
		for (final URL url : urls)
			try (InputStream in = url.openStream()) {
				sb.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
			}
		return sb.toString();
	}

	@Test
	void pluginIndexNamesTheCommand() throws IOException {
		final String json = readAll("META-INF/json/org.scijava.plugin.Plugin");
		assertTrue(json.contains("\"class\":\"" + Wasserstein2DClasses.class.getName() + "\""), json);
		assertTrue(json.contains("\"menuPath\":\"Plugins>Cryo-EM>Wasserstein 2D Classes\""), json);
		assertTrue(json.contains("\"type\":\"org.scijava.command.Command\""), json);
	}

	@Test
	void opsYamlNamesBothOps() throws IOException {
		final String yaml = readAll("ops.yaml");
		assertTrue(yaml.contains("names: [" + DistanceOps.W1 + "]"), yaml);
		assertTrue(yaml.contains("names: [" + DistanceOps.L2 + "]"), yaml);
		assertTrue(yaml.contains("javaMethod:/" + DistanceOps.class.getName() + ".distanceW1"), yaml);
		assertTrue(yaml.contains("javaMethod:/" + DistanceOps.class.getName() + ".distanceL2"), yaml);
		assertTrue(yaml.contains("type: java.lang.Double"), yaml);
	}
}
