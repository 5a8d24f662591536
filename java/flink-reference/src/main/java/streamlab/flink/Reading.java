package streamlab.flink;

/** A reading as Flink's POJO serializer wants it: public fields, a public no-argument constructor. */
public class Reading {
    public String sensor;
    public long ts;
    public long seq;
    public double temperature;

    public Reading() {}

    public Reading(String sensor, long ts, long seq, double temperature) {
        this.sensor = sensor;
        this.ts = ts;
        this.seq = seq;
        this.temperature = temperature;
    }
}
