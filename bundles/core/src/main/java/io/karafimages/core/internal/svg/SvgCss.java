package io.karafimages.core.internal.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cleans CSS from {@code style} attributes and {@code style} elements by rebuilding it from what is allowed:
 * plain rules with simple selectors and presentation declarations whose values pass
 * {@link SvgAllowList#isSafeValue}. At-rules ({@code @import}, {@code @font-face}, {@code @media}, ...) are
 * dropped whole. A sheet with a CSS escape or a {@code <} is dropped whole, as is one whose braces do not
 * balance: when in doubt, the parse a browser would make is not guessed at.
 */
final class SvgCss {
    /** Type, class, id, universal and combinator selectors; no attribute selectors, strings or functions. */
    private static final Pattern SELECTOR = Pattern.compile("[\\w\\-#.,>*:+~\\s]+");

    private SvgCss() {
    }

    /** The allowed declarations of a {@code style} attribute (or rule body), {@code ""} when none is left. */
    static String declarations(String css) {
        List<String> kept = new ArrayList<>();
        for (String declaration : css.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).strip();
            if (SvgAllowList.PROPERTIES.contains(name) && !value.isEmpty() && isPlainValue(value)
                    && SvgAllowList.isSafeValue(value)) {
                kept.add(name + ":" + value);
            }
        }
        return String.join(";", kept);
    }

    /** The allowed rules of a {@code style} element, one per line; {@code ""} when none is left. */
    static String styleSheet(String css) {
        String sheet = withoutComments(css);
        if (sheet.indexOf('\\') >= 0 || sheet.indexOf('<') >= 0) {
            return "";
        }
        List<String> rules = new ArrayList<>();
        int i = 0;
        while (i < sheet.length()) {
            char c = sheet.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '@') {
                i = skipAtRule(sheet, i);
            } else {
                int open = sheet.indexOf('{', i);
                int close = open < 0 ? -1 : sheet.indexOf('}', open);
                if (close < 0 || sheet.indexOf('{', open + 1) >= 0 && sheet.indexOf('{', open + 1) < close) {
                    return ""; // unbalanced or nested braces outside an at-rule
                }
                String selector = sheet.substring(i, open).strip();
                String body = declarations(sheet.substring(open + 1, close));
                if (SELECTOR.matcher(selector).matches() && !body.isEmpty()) {
                    rules.add(selector.replaceAll("\\s+", " ") + "{" + body + "}");
                }
                i = close + 1;
            }
            if (i < 0) {
                return "";
            }
        }
        return String.join("\n", rules);
    }

    /** Past an at-rule: to its {@code ;} when it has no block, else past its balanced block; -1 when unbalanced. */
    private static int skipAtRule(String sheet, int at) {
        int depth = 0;
        for (int i = at; i < sheet.length(); i++) {
            char c = sheet.charAt(i);
            if (c == ';' && depth == 0) {
                return i + 1;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
                if (depth < 0) {
                    return -1;
                }
            }
        }
        return depth == 0 ? sheet.length() : -1;
    }

    /**
     * A value that cannot end its declaration or rule early: no braces, and quotes in pairs (a lone quote would
     * make a browser read what follows as part of a string).
     */
    private static boolean isPlainValue(String value) {
        if (value.indexOf('{') >= 0 || value.indexOf('}') >= 0) {
            return false;
        }
        return value.chars().filter(c -> c == '"').count() % 2 == 0
                && value.chars().filter(c -> c == '\'').count() % 2 == 0;
    }

    private static String withoutComments(String css) {
        StringBuilder out = new StringBuilder(css.length());
        int i = 0;
        while (i < css.length()) {
            int start = css.indexOf("/*", i);
            if (start < 0) {
                out.append(css, i, css.length());
                break;
            }
            out.append(css, i, start).append(' ');
            int end = css.indexOf("*/", start + 2);
            i = end < 0 ? css.length() : end + 2;
        }
        return out.toString();
    }
}
