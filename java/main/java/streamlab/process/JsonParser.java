package streamlab.process;

/**
 * How {@code process} decodes JSON readings. {@code FROM_JSON}: Spark's own {@code from_json} with an
 * explicit schema, the way a Structured Streaming job is usually written. {@code JACKSON}: the kit's
 * codec (Jackson's byte parser) inside the job's packer, with the codec's stricter rules. Spark 3.5's
 * {@code from_json} wraps every record in a new {@code InputStreamReader} (a UTF-8 decoder and an 8 KB
 * buffer each); measured on 2 cores, that one allocation was about a quarter of the job's task time, and
 * {@code from_json} as a whole about half.
 */
public enum JsonParser {
    FROM_JSON,
    JACKSON
}
