package org.cryoem.wasserstein.fiji;

import org.scijava.Priority;
import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Plugin;

/**
 * Marks the outputs of {@link Wasserstein2DClasses} (and
 * {@link Wasserstein2DClassesFromFile}) as resolved when the
 * command has already shown them as ImageJ windows (or when headless), so that
 * SciJava's display post-processing, which skips resolved outputs, does not
 * show them a second time. The output values stay available to scripts and
 * callers.
 */
@Plugin(type = PostprocessorPlugin.class, priority = Priority.HIGH)
public class ShownOutputsPostprocessor extends AbstractPostprocessorPlugin {

	@Override
	public void process(final Module module) {
		if (!(module instanceof CommandModule)) return;
		final Object command = ((CommandModule) module).getCommand();
		if (command instanceof Wasserstein2DClasses) {
			if (!((Wasserstein2DClasses) command).outputsHandled()) return;
		}
		else if (command instanceof Wasserstein2DClassesFromFile) {
			if (!((Wasserstein2DClassesFromFile) command).outputsHandled()) return;
		}
		else return;
		for (final String name : Wasserstein2DClasses.OUTPUTS)
			module.resolveOutput(name);
	}
}
