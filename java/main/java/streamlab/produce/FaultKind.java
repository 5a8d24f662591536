package streamlab.produce;

/** The faults {@code produce} can inject; the lower-case name is the {@code kind} column of the truth file. */
enum FaultKind {
    SPIKE, STUCK, SILENCE, LATE, DUPLICATE, MALFORMED;

    String lower() {
        return name().toLowerCase();
    }
}
