/**
 * The {@code kamaelia} command (org.kamaelia.cli.Main): the netcat use, servers, and the embedded demo.
 * It exports nothing: it is a program, not a library.
 */
module org.kamaelia.cli {
    requires org.kamaelia.components;
    requires info.picocli;
    requires java.logging;

    opens org.kamaelia.cli to info.picocli;
}
