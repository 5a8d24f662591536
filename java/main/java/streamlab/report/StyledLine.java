package streamlab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A line of text in styled pieces, cut to a visible width: escape codes take no columns, so the
 * cut counts only the text. Every character we print is one column wide (ASCII, box and block
 * characters of the BMP).
 */
final class StyledLine {
    private record Piece(String text, String style) {}

    private final List<Piece> pieces = new ArrayList<>();

    StyledLine add(String text) {
        return add(text, null);
    }

    StyledLine add(String text, String style) {
        pieces.add(new Piece(text, style));
        return this;
    }

    String render(int width, boolean color) {
        StringBuilder sb = new StringBuilder();
        int left = width;
        for (Piece p : pieces) {
            if (left <= 0) break;
            String t = p.text.length() > left ? p.text.substring(0, left) : p.text;
            left -= t.length();
            if (color && p.style != null && !t.isEmpty()) {
                sb.append(p.style).append(t).append(Ansi.RESET);
            } else {
                sb.append(t);
            }
        }
        return color ? sb.toString() : stripTrailing(sb);
    }

    private static String stripTrailing(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') end--;
        return sb.substring(0, end);
    }
}
