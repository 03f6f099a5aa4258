package io.karafimages.c2pa.internal.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.karafimages.c2pa.Action;
import io.karafimages.c2pa.GeneratorInfo;
import io.karafimages.c2pa.Ingredient;

/**
 * Builds the {@code c2pa.actions.v2} content and enforces the C2PA action rules that depend on
 * ingredients: with a {@code parentOf} ingredient the first action is {@code c2pa.opened}
 * referencing exactly that ingredient (a caller's first {@code c2pa.created} or {@code c2pa.opened} becomes it,
 * keeping its other fields but no other ingredient reference); every
 * {@code componentOf} ingredient is referenced by a {@code c2pa.placed} action (added when the
 * caller did not reference it).
 */
public final class ActionsAssertion {

    /** Assertion label. */
    public static final String LABEL = "c2pa.actions.v2";

    private ActionsAssertion() {
    }

    /**
     * @param actions     the caller's actions
     * @param parent      the parent ingredient, or {@code null}
     * @param ingredients all ingredients with their assertion references
     * @return the assertion content
     */
    public static Map<String, Object> content(List<Action> actions, Ingredient parent, Map<Ingredient, HashedUri> ingredients) {
        List<Object> written = new ArrayList<>();
        Set<Ingredient> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        int next = 0;
        if (parent != null) {
            boolean convert = !actions.isEmpty()
                    && (Action.CREATED.equals(actions.get(0).action()) || Action.OPENED.equals(actions.get(0).action()));
            written.add(opened(convert ? actions.get(0) : null, ingredients.get(parent)));
            next = convert ? 1 : 0;
        }
        for (Action a : actions.subList(next, actions.size())) {
            List<HashedUri> refs = new ArrayList<>();
            if (a.referencesParent() && parent != null) {
                refs.add(ingredients.get(parent));
            }
            for (Ingredient i : a.ingredients()) {
                if (!refs.contains(ingredients.get(i))) {
                    refs.add(ingredients.get(i));
                }
                if (Action.PLACED.equals(a.action())) {
                    placed.add(i);
                }
            }
            written.add(action(a, refs));
        }
        for (Map.Entry<Ingredient, HashedUri> e : ingredients.entrySet()) {
            if (e.getKey().relationship() == Ingredient.Relationship.COMPONENT_OF && !placed.contains(e.getKey())) {
                Map<String, Object> place = new LinkedHashMap<>(Map.of("action", Action.PLACED));
                addIngredients(place, List.of(e.getValue()));
                written.add(place);
            }
        }
        return Map.of("actions", written);
    }

    /** The first action when there is a parent: the caller's created/opened action (if any) turned into c2pa.opened. */
    // c2pa.opened may reference exactly the parent: other ingredients of the caller's action stay as ingredient assertions only
    private static Map<String, Object> opened(Action first, HashedUri parentRef) {
        Map<String, Object> opened = first != null ? action(first, List.of()) : new LinkedHashMap<>();
        opened.put("action", Action.OPENED);
        addIngredients(opened, List.of(parentRef));
        return opened;
    }

    private static Map<String, Object> action(Action a, List<HashedUri> refs) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", a.action());
        a.when().ifPresent(t -> map.put("when", t));
        a.softwareAgent().ifPresent(agent -> map.put("softwareAgent", generatorInfo(agent)));
        a.digitalSourceType().ifPresent(t -> map.put("digitalSourceType", t));
        a.description().ifPresent(d -> map.put("description", d));
        Map<String, Object> parameters = new LinkedHashMap<>(a.parameters());
        if (!parameters.isEmpty()) {
            map.put("parameters", parameters);
        }
        addIngredients(map, refs);
        return map;
    }

    @SuppressWarnings("unchecked")
    private static void addIngredients(Map<String, Object> action, List<HashedUri> refs) {
        if (refs.isEmpty()) {
            return;
        }
        Map<String, Object> parameters = new LinkedHashMap<>((Map<String, Object>) action.getOrDefault("parameters", Map.of()));
        parameters.put("ingredients", refs.stream().map(r -> r.toCbor(true)).toList());
        action.put("parameters", parameters);
    }

    /**
     * @param info a generator
     * @return its {@code generator-info-map}
     */
    public static Map<String, Object> generatorInfo(GeneratorInfo info) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", info.name());
        info.versionIfKnown().ifPresent(v -> map.put("version", v));
        return map;
    }
}
