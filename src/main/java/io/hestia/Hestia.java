package io.hestia;

import io.hestia.automation.eval.AutomationEvalCommand;
import io.hestia.ha.home.HomeFiles;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.sim.HaSimulatorMain;
import io.hestia.query.eval.IntentEvalCommand;

import java.util.Arrays;

/**
 * Entry point of the jar.
 * <ul>
 *   <li>{@code java -jar hestia.jar}: runs Hestia (the services in {@code hestia.services});</li>
 *   <li>{@code java -jar hestia.jar ha-sim --home FILE --port P --token T}: runs the HA simulator alone;</li>
 *   <li>{@code java -jar hestia.jar eval patterns ...}: scores the pattern detectors against truth;</li>
 *   <li>{@code java -jar hestia.jar eval intents ...}: scores the request parser against HA's intent sentences;</li>
 *   <li>{@code java -jar hestia.jar eval automations ...}: the automation validator against the corpus and its
 *   mutants.</li>
 * </ul>
 */
public final class Hestia {

    private Hestia() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ha-sim")) {
            HestiaApplication.configureLogging();
            // real-world home files (HA's own intents fixture among them) carry a few ids HA itself would
            // reject: serve them as they are and say so
            int code = HaSimulatorMain.run(Arrays.copyOfRange(args, 1, args.length),
                    path -> HomeFiles.read(path, HomeFiles.EntityIdPolicy.WARN,
                            warning -> System.err.println("home file: " + warning)),
                    new HaAutomationSchema());
            if (code != 0) {
                System.exit(code);
            }
            return;
        }
        if (args.length > 0 && args[0].equals("eval")) {
            HestiaApplication.configureLogging();
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            int code = rest.length > 0 && rest[0].equals("intents") ? IntentEvalCommand.run(rest, System.out)
                    : rest.length > 0 && rest[0].equals("automations") ? AutomationEvalCommand.run(rest, System.out)
                    : io.hestia.pattern.eval.EvalCommand.run(rest, System.out);
            System.exit(code);
        }
        HestiaApplication.main(args);
    }
}
