package streamlab.report;

/** What the dashboard says about a sensor, most urgent first (rows sort in this order). */
public enum SensorStatus {
    ALERTING("alerting"),
    SILENT("silent"),
    OK("ok");

    private final String label;

    SensorStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
