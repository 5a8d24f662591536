/**
 * What every command shares, at the bottom of the kit: the {@link streamlab.common.Command} interface and its
 * common flags, durations as users write them, the one-line user error, Ctrl-C handling and progress lines.
 * It imports no other package of the kit, so the commands point down to it and {@code streamlab.cli} (the
 * entry point and the list of commands) points down to all of them.
 */
package streamlab.common;
