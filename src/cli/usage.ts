/** The one usage text, printed by --help and after every argument error. */
export const USAGE = `usage: brokerlab <command> [options]

commands:
  up                  start the embedded cluster and run until SIGINT/SIGTERM
    --brokers N         number of brokers (default 1)
    --data DIR          data folder (default ~/.brokerlab/data)
    --port P            first broker port; 0 picks free ports (default 9092)
    --first-broker-id N the first broker's node id, e.g. 0 as in many compose files (default 1;
                        a folder keeps the ids it was created with)
    --advertise HOST    the host brokers give clients in Metadata (Kafka's advertised.listeners);
                        they still bind 127.0.0.1 (default 127.0.0.1)
    --config K=V        broker config override, repeatable (e.g. --config segment.bytes=1048576)
    --log-level L       debug | info | warn | error (default info)
    --api-port P        console API port on 127.0.0.1; 0 picks a free one
                        (default 9600 — a free one when 9600 is taken — or 0 when --port is 0)
    --token T           API token (default: 32 random bytes, printed in the api: line)
    --console           also serve the browser console on the API port
    (one data folder runs one cluster: a second up on it is refused; exit codes: 3 data folder
     in use, 4 broker port in use, 5 --api-port in use, 6 --first-broker-id differs from the folder's)
  broker ACTION ID    a fault switch of the running cluster: kill | stop | start | restart |
                      pause | resume | isolate | heal | power-loss
                        (isolate takes --mode blackhole|reset; heal also clears latency and link cuts)
  broker latency ID MS  delay every connection of broker ID by MS ms each way (0 removes it)
  broker add           add a broker (the next id) to the running cluster
  broker remove ID     move broker ID's replicas away, then stop and unregister it
  link cut|heal A B   cut or heal the link between brokers A and B (cut takes --mode)
  cluster             print the engine's view: brokers, controller, partitions (--json for all of it)
  events              print the event log (leader, ISR, broker state, faults; --after SEQ)
    --api URL           the engine host's API (default $BROKERLAB_API or http://127.0.0.1:9600;
                        the api: line of \`up\`, with its #token=, works as is)
    --token T           API token (default $BROKERLAB_API_TOKEN, or the #token= of --api)
  groups list|describe GROUP|reset GROUP|delete GROUP   consumer groups, as kafka-consumer-groups.sh
                      (Kafka's --list/--describe/--reset-offsets/--delete/--delete-offsets
                      with --group GROUP work too)
    --bootstrap-server H:P[,...]  the cluster (default $BROKERLAB_BOOTSTRAP or 127.0.0.1:9092)
    --timeout MS        connect and request timeout (default 5000)
    list [--state [S,...]]  group ids; --state adds the state column, S filters by state
    describe GROUP      partitions with CURRENT-OFFSET, LOG-END-OFFSET, LAG, member, TIME-LAG
      --members | --state   the members and their assignments, or the group's state
    reset GROUP         one of --to-earliest | --to-latest | --to-current | --to-offset N |
                        --to-datetime YYYY-MM-DDTHH:mm:SS.sss[zone] | --by-duration PnDTnHnMnS |
                        --shift-by [-]N | --from-file CSV (topic,partition,offset lines)
      --all-topics | --topic T[:P,...]   which partitions (--topic repeats)
      --dry-run | --execute   print the plan only (default) or commit it; --export prints CSV
                        (refused unless the group is Empty: its state and members are shown)
    delete GROUP [--topic T[:P,...]]   delete the group, or only its offsets for the topics
  messages read|produce|export|import|replay -t TOPIC   records for scripts and CI, as JSON Lines
                      (kcat's flags: -p partition, -o beginning|end|N|-N|s@TS_MS, -c count,
                      -e exit at the end, -k key, -K key delimiter, -H name=value)
    --api URL [--token T]  through the embedded cluster's engine host (default when $BROKERLAB_API is set)
    -b, --bootstrap-server H:P[,...]  any Kafka directly (default $BROKERLAB_BOOTSTRAP or 127.0.0.1:9092)
    read                records from -o on; follows new ones unless -e or -c stops it
    produce             one record per stdin line (-K splits a key off each line)
    export              --format jsonl|csv (default jsonl); -o start, --end N|e@TS_MS, -c most,
                        --rows P:O,... picked records; bytes as base64 with the decoded form beside
    import [FILE]       the JSON Lines of an export (stdin without FILE); every line is checked
                        first: a bad line writes nothing; --keep-partitions, --no-timestamps
    replay              --to TOPIC | --to-original-topic [--original-topic-header NAME ...];
                        -o/--end/-c/--rows as export; --dry-run counts only; --keep-timestamps,
                        --keep-partitions (idempotent producer, acks=all)
    search              not in this build yet
  experiment run PLAN   run a fault experiment (YAML or JSON plan, or template:ID) and judge it;
                      exit 0 when every check is as the plan expects, 1 when not, 2 on a bad plan
    --report DIR        where report.html and report.json go (default ./experiment-NAME-TIME)
    --api URL           run on that engine host instead of a new cluster on a temporary folder
    --workload-process  run the workloads in the workload process (issue 14) instead of in-process
  experiment validate PLAN   check a plan file; every problem with its line and field
  experiment templates       list the shipped plans (resources/experiments)
  help                print this text

options:
  -h, --help          print this text
  -v, --version       print the version
`;

/** A usage error: the CLI prints it on one line, then the usage, and exits with code 2. */
export class UsageError extends Error {}
