package streamlab.codec;

/** Wire formats. A reader tells them apart by the first byte, so topics may even mix them. */
public enum Format {
    JSON,
    MSGPACK;

    /** JSON records start with '{' (maybe after white space); ours in msgpack with an array or map header. */
    public static Format detect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw new DecodeException("empty record");
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
            return b == '{' ? JSON : MSGPACK;
        }
        throw new DecodeException("blank record");
    }

    public String lower() {
        return name().toLowerCase();
    }
}
