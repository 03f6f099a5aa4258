package io.karafimages.provenance.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import io.karafimages.c2pa.Action;
import io.karafimages.c2pa.AssetFormat;
import io.karafimages.c2pa.C2paWriter;
import io.karafimages.c2pa.GeneratorInfo;
import io.karafimages.c2pa.Ingredient;
import io.karafimages.c2pa.ManifestDefinition;

/**
 * What the labels written into an image say, as the embed content's {@code provenance} object (API.md "Embed
 * content"): built from the very manifest definition that was signed and the XMP labels that were embedded, so
 * the web app's provenance panel shows the file's claims without parsing the file again. Stateless.
 */
final class ProvenanceSummary {
    private ProvenanceSummary() {
    }

    /**
     * @param manifest the signed definition, or null when the image got no manifest
     * @param signer the leaf certificate the manifest was signed with
     * @param labels the XMP AI labels written, or null when none were
     */
    static Map<String, Object> of(ManifestDefinition manifest, X509Certificate signer, XmpLabels.Labels labels) {
        Map<String, Object> summary = new LinkedHashMap<>();
        if (manifest != null) {
            summary.put("c2pa", c2pa(manifest, signer));
        }
        if (labels != null) {
            Map<String, Object> iptc = new LinkedHashMap<>();
            iptc.put("digital_source_type", labels.digitalSourceType());
            putIf(iptc, "ai_system", labels.aiSystem());
            putIf(iptc, "ai_system_version", labels.aiSystemVersion());
            putIf(iptc, "creator_tool", labels.creatorTool());
            putIf(iptc, "credit", labels.credit());
            summary.put("iptc", iptc);
        }
        return summary;
    }

    private static Map<String, Object> c2pa(ManifestDefinition manifest, X509Certificate signer) {
        Map<String, Object> c2pa = new LinkedHashMap<>();
        c2pa.put("signed_by", signer(signer));
        c2pa.put("claim_generator", generator(manifest.claimGenerator()));
        List<Map<String, Object>> actions = new ArrayList<>();
        String sourceType = null;
        // The writer's rule (C2PA 2.x, c2pa.actions.v2): with a parentOf ingredient the first action is
        // c2pa.opened; a leading created/opened action becomes it, otherwise one is put first. The verified tests
        // compare this list with the one the reference verifier reads from the signed file.
        boolean parent = manifest.ingredients().stream()
                .anyMatch(i -> i.relationship() == Ingredient.Relationship.PARENT_OF);
        List<Action> declared = manifest.actions();
        boolean convert = parent && !declared.isEmpty() && (Action.CREATED.equals(declared.get(0).action())
                || Action.OPENED.equals(declared.get(0).action()));
        if (parent && !convert) {
            actions.add(new LinkedHashMap<>(Map.of("action", Action.OPENED)));
        }
        for (Action a : declared) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("action", convert && a == declared.get(0) ? Action.OPENED : a.action());
            a.softwareAgent().ifPresent(agent -> action.put("software_agent", generator(agent)));
            a.when().ifPresent(when -> action.put("when", when.toString()));
            a.description().ifPresent(d -> action.put("description", d));
            a.digitalSourceType().ifPresent(d -> action.put("digital_source_type", d));
            if (a.digitalSourceType().isPresent()) {
                sourceType = a.digitalSourceType().get();
            }
            actions.add(action);
        }
        c2pa.put("actions", actions);
        List<Map<String, Object>> ingredients = new ArrayList<>();
        for (Ingredient i : manifest.ingredients()) {
            Map<String, Object> ingredient = new LinkedHashMap<>();
            ingredient.put("title", i.title().orElse(i.asset().isPresent() ? "provider's signed image" : "untitled"));
            ingredient.put("relationship", i.relationship().value());
            i.format().or(() -> i.asset().flatMap(AssetFormat::detect).map(AssetFormat::mediaType))
                    .ifPresent(f -> ingredient.put("format", f));
            // the writer copies an ingredient's manifest store into ours when it has its bytes
            ingredient.put("manifest_kept", i.asset().map(b -> C2paWriter.readManifestStore(b).isPresent())
                    .orElse(false));
            ingredients.add(ingredient);
        }
        c2pa.put("ingredients", ingredients);
        if (sourceType != null) {
            c2pa.put("digital_source_type", sourceType);
        }
        c2pa.put("training_mining", manifest.trainingMining().isPresent() ? "constrained" : "not stated");
        return c2pa;
    }

    /** "CN, O" of the signing certificate's subject (the whole subject when it has neither). */
    static String signer(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        String cn = null;
        String o = null;
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cn = String.valueOf(rdn.getValue());
                } else if ("O".equalsIgnoreCase(rdn.getType())) {
                    o = String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return subject;
        }
        if (cn == null && o == null) {
            return subject;
        }
        return cn == null ? o : o == null || o.equals(cn) ? cn : cn + ", " + o;
    }

    private static String generator(GeneratorInfo info) {
        return info.versionIfKnown().map(v -> info.name() + " " + v).orElse(info.name());
    }

    private static void putIf(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
