package io.karafimages.core.internal.svg;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Counts the elements a viewer must draw once every {@code use} is expanded. A few kilobytes of {@code use}
 * elements that each reference a group of ten references can ask for billions of shapes (the SVG twin of the
 * billion-laughs entity bomb): the element cap alone does not stop that, this count does. Cycles and long
 * reference chains are refused as well. Not thread-safe; one instance per document.
 */
final class UseReferences {
    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    private record Cost(long instances, int useDepth) {
    }

    private final Map<String, SvgNode.Element> byId = new HashMap<>();
    private final Map<SvgNode.Element, Cost> costs = new IdentityHashMap<>();
    private final Map<SvgNode.Element, Boolean> inProgress = new IdentityHashMap<>();
    private final long maxInstances;
    private final int maxUseDepth;

    private UseReferences(long maxInstances, int maxUseDepth) {
        this.maxInstances = maxInstances;
        this.maxUseDepth = maxUseDepth;
    }

    /**
     * @throws ImagesException {@code provider_bad_output} when the expanded drawing has more than
     *         {@code maxInstances} elements, a {@code use} chain is longer than {@code maxUseDepth}, or a
     *         {@code use} references itself or an ancestor
     */
    static void check(SvgNode.Element root, long maxInstances, int maxUseDepth) {
        UseReferences references = new UseReferences(maxInstances, maxUseDepth);
        references.index(root);
        references.cost(root, 0);
    }

    private void index(SvgNode.Element element) {
        String id = element.attribute("id");
        if (!id.isEmpty()) {
            byId.putIfAbsent(id, element);
        }
        for (SvgNode child : element.children()) {
            if (child instanceof SvgNode.Element e) {
                index(e);
            }
        }
    }

    private Cost cost(SvgNode.Element element, int depth) {
        if (depth > maxUseDepth) { // before recursing further: a long chain must not exhaust the stack
            throw refused("The SVG chains more than " + maxUseDepth + " <use> references.");
        }
        Cost known = costs.get(element);
        if (known != null) {
            requireWithin(known, depth);
            return known;
        }
        if (inProgress.put(element, Boolean.TRUE) != null) {
            throw refused("A <use> in the SVG references itself or one of its ancestors.");
        }
        long instances = 1;
        int useDepth = 0;
        for (SvgNode child : element.children()) {
            if (child instanceof SvgNode.Element e) {
                Cost c = cost(e, depth);
                instances += c.instances();
                useDepth = Math.max(useDepth, c.useDepth());
            }
        }
        SvgNode.Element target = "use".equals(element.name()) ? byId.get(localId(element)) : null;
        if (target != null) {
            Cost c = cost(target, depth + 1);
            instances += c.instances();
            useDepth = Math.max(useDepth, c.useDepth() + 1);
        }
        inProgress.remove(element);
        Cost cost = new Cost(instances, useDepth);
        requireWithin(cost, depth);
        costs.put(element, cost);
        return cost;
    }

    private void requireWithin(Cost cost, int depth) {
        if (depth + cost.useDepth() > maxUseDepth) {
            throw refused("The SVG chains more than " + maxUseDepth + " <use> references.");
        }
        if (cost.instances() > maxInstances) {
            throw refused("Expanding the SVG's <use> references gives more than " + maxInstances + " elements.");
        }
    }

    private static String localId(SvgNode.Element use) {
        for (SvgNode.Attribute attribute : use.attributes()) {
            boolean href = "href".equals(attribute.name())
                    && (attribute.namespace().isEmpty() || XLINK_NS.equals(attribute.namespace()));
            if (href && attribute.value().strip().startsWith("#")) {
                return attribute.value().strip().substring(1);
            }
        }
        return "";
    }

    private static ImagesException refused(String message) {
        return new ImagesException(ErrorCodes.PROVIDER_BAD_OUTPUT, 502, false, message);
    }
}
