//! Examples for every command: shown at the end of `--help` and as each man page's EXAMPLES
//! section. A command without examples fails the docs test.

/// One example: what it does, and the command line.
pub type Example = (&'static str, &'static str);

/// Examples by command path (`run`, `volume ls`). `container X`, `image X` and `system X`
/// share the top-level verb's examples (see [`for_path`]).
#[rustfmt::skip]
const EXAMPLES: &[(&str, &[Example])] = &[
    ("container exists", &[("Create a container only when it is missing", "rpod container exists web || rpod create --name web busybox")]),
    ("init", &[("Check that a created container can start, and prepare it", "rpod create --name web busybox httpd -f && rpod init web"), ("Every container that is not running", "rpod init --all")]),
    ("container clone", &[("A copy of web, named web-clone, not started", "rpod container clone web"), ("Replace web by a copy with other limits, keeping its volumes, and start it", "rpod container clone --destroy --force --run --cpus 2 --memory 1g web"), ("A copy named web2 that runs another image", "rpod container clone web web2 registry.example.org/web:2")]),
    ("mount", &[("Change a stopped container's files from the host, in an unshare session", "rpod unshare sh -c 'cp app.conf \"$(rpod mount web)/etc/\" && rpod unmount web'"), ("List the mounted containers", "rpod mount")]),
    ("unmount", &[("Take down a container's mount, even while a shell works in it", "rpod unmount -f web"), ("Every mounted container", "rpod unmount --all")]),
    ("unshare", &[("A shell as root of your own user namespace, to mend files in the store", "rpod unshare"), ("See how the namespace maps your ids", "rpod unshare cat /proc/self/uid_map"), ("Reach a container on a user-defined network by its address", "rpod unshare --rootless-netns curl http://10.89.0.2/")]),
    ("image mount", &[("Read an image's files without running it, in an unshare session", "rpod unshare sh -c 'ls \"$(rpod image mount busybox)/bin\" && rpod image unmount busybox'"), ("List the mounted images as json", "rpod image mount --format json")]),
    ("image unmount", &[("Every mounted image", "rpod image unmount --all")]),
    ("volume mount", &[("Where a volume's files are", "rpod volume mount data")]),
    ("volume unmount", &[("Nothing to take down for a directory volume; checks it exists", "rpod volume unmount data")]),
    ("container cleanup", &[("Clean up a stopped container, then remove it", "rpod container cleanup --rm web"), ("Every stopped container", "rpod container cleanup --all")]),
    ("container checkpoint", &[("Refused with the kernel's reason and what to do instead; web keeps running", "rpod container checkpoint web")]),
    ("container restore", &[("Refused as checkpoint is: rootless rpod makes no checkpoints, and imports none", "rpod container restore --import web.tar.zst")]),
    ("container runlabel", &[("Show the command an image's RUN label holds", "rpod container runlabel --display RUN app"), ("Run it, naming the container", "rpod container runlabel --name web RUN app")]),
    ("completion", &[("Load rpod's bash completion into this shell", "source <(rpod completion bash)"), ("Install the zsh completion without descriptions", "rpod completion --no-desc -f \"${fpath[1]}/_rpod\" zsh")]),
    ("compose", &[("Start a compose project with podman-compose as the provider", "rpod compose up -d"), ("Stop and remove it with its volumes", "rpod compose down -v")]),
    ("pod", &[("Create a pod and run two containers in it that share localhost", "rpod pod create app && rpod run -d --pod app busybox httpd -f -p 8080 && rpod run --rm --pod app busybox wget -O - localhost:8080")]),
    ("pod clone", &[("A copy of pod app with its containers, started", "rpod pod clone --start app"), ("Replace app by a copy named app2", "rpod pod clone --destroy app app2"), ("A copy of pod app with a memory limit of 1 GB", "rpod pod clone --memory 1g app app-big"), ("Replace app by a copy whose containers keep your uid", "rpod pod clone --userns keep-id --destroy --start app app-kid"), ("A copy whose infra container (of an --infra-image) runs another program", "rpod pod clone --infra-command '[\"sleep\",\"infinity\"]' app")]),
    ("pod create", &[("A pod whose containers share localhost, IPC and the hostname web", "rpod pod create --hostname web --name app"), ("Share only the network, with the infra container named app-infra", "rpod pod create --share net --infra-name app-infra app"), ("Publish port 8080 of its containers on the host, on network appnet", "rpod pod create --network appnet -p 8080:80 --add-host db.local:10.0.0.5 --dns 9.9.9.9 --dns-search example.org --dns-option ndots:2 app"), ("A pod without an infra container (what podman-compose makes)", "rpod pod create --infra=false --share= --name app"), ("With a label and its id in a file", "rpod pod create --infra=false --label tier=web --pod-id-file app.id app"), ("Its containers together get at most half a CPU and 512 MB", "rpod pod create --cpus 0.5 --memory 512m app"), ("Every container of the pod mounts the volume data and restarts on failure", "rpod pod create -v data:/data --restart on-failure app")]),
    ("pod exists", &[("Create a pod only when it is missing", "rpod pod exists app || rpod pod create --infra=false app")]),
    ("pod inspect", &[("A pod's state", "rpod pod inspect -f '{{.State}}' app")]),
    ("pod kill", &[("Kill every container of a pod", "rpod pod kill app")]),
    ("pod logs", &[("The last 10 lines of each container of a pod, with their names", "rpod pod logs --tail 10 --names app"), ("Follow one container of the pod", "rpod pod logs -f -c web app")]),
    ("pod stats", &[("One reading of the containers of every pod", "rpod pod stats --no-stream"), ("Memory of one pod's containers", "rpod pod stats --no-stream --format '{{.Name}} {{.MemUsage}}' app")]),
    ("pod top", &[("The processes of a pod's containers", "rpod pod top app"), ("Only their pids and commands", "rpod pod top app pid args")]),
    ("pod pause", &[("Freeze every running container of a pod", "rpod pod pause app")]),
    ("pod unpause", &[("Thaw them again", "rpod pod unpause app")]),
    ("pod ps", &[("List pods with their containers' names", "rpod pod ps --ctr-names"), ("Running pods' ids", "rpod pod ps -q --filter status=running"), ("The pod created last, sorted columns without the header", "rpod pod ps -l --noheading"), ("Pods by name with their namespaces", "rpod pod ps --sort name --ns")]),
    ("pod prune", &[("Remove every pod with no running container", "rpod pod prune -f")]),
    ("pod restart", &[("Restart a pod's containers", "rpod pod restart app")]),
    ("pod rm", &[("Remove a pod, stopping its containers", "rpod pod rm -f app")]),
    ("pod start", &[("Start a pod's containers (required ones first; its init containers to their ends before the others)", "rpod pod start app")]),
    ("pod stop", &[("Stop a pod's containers at once", "rpod pod stop -t 0 app")]),
    ("network", &[("Create a network and list them", "rpod network create web && rpod network ls")]),
    ("network connect", &[("Put a running container on a second network, with an alias", "rpod network connect --alias api back app")]),
    ("network create", &[("A network with the next free subnet", "rpod network create web"), ("With a chosen subnet and gateway", "rpod network create --subnet 10.90.0.0/24 --gateway 10.90.0.1 back"), ("Dual stack, with a chosen IPv6 subnet", "rpod network create --subnet 10.91.0.0/24 --subnet fd00:91::/64 dual"), ("Kept off the outside world", "rpod network create --internal db")]),
    ("network disconnect", &[("Take a container off a network", "rpod network disconnect back app")]),
    ("network exists", &[("Create a network only when it is missing", "rpod network exists web || rpod network create web")]),
    ("network inspect", &[("A network's subnet", "rpod network inspect -f '{{range .subnets}}{{.subnet}}{{end}}' web")]),
    ("network ls", &[("List networks", "rpod network ls"), ("Those with a label", "rpod network ls --filter label=team=web")]),
    ("network prune", &[("Remove every unused network", "rpod network prune -f"), ("Only the networks labelled ci", "rpod network prune -f --filter label=ci")]),
    ("network reload", &[("Give every running container back its network after the holder was killed", "rpod network reload --all")]),
    ("network rm", &[("Remove a network", "rpod network rm web")]),
    ("network update", &[("Send the names containers ask for to another DNS server", "rpod network update --dns-add 10.0.0.53 --dns-drop 10.0.0.2 web")]),
    ("auto-update", &[("Which containers' units would restart with a newer image", "rpod auto-update --dry-run --format '{{.Unit}} {{.Image}} {{.Updated}}'"), ("Pull newer images and restart their units", "rpod auto-update")]),
    ("healthcheck", &[("Run a container's healthcheck now", "rpod healthcheck run web")]),
    ("healthcheck run", &[("Exit 0 when the check passes, 1 (printing unhealthy) when it fails", "rpod healthcheck run web || echo web is unhealthy")]),
    ("generate", &[("A systemd user unit for a container", "rpod generate systemd --new --name --files web")]),
    ("generate systemd", &[("A unit that creates the container at start and removes it at stop", "rpod generate systemd --new --name web > ~/.config/systemd/user/container-web.service"), ("Written to container-web.service here, after db.service", "rpod generate systemd --new --name --files --after db.service web"), ("A template unit: systemctl --user start container-worker@1 runs worker-1", "rpod generate systemd --template --name worker > ~/.config/systemd/user/container-worker@.service")]),
    ("kube", &[("A Pod and a Service for a container's published ports", "rpod kube generate --service web > web.yaml")]),
    ("kube generate", &[("A Pod for a container", "rpod kube generate web"), ("A Deployment of three replicas of a pod, into a file", "rpod kube generate --type deployment --replicas 3 -f app.yaml app"), ("A Pod and a NodePort Service", "rpod kube generate --service web")]),
    ("kube apply", &[("Deploy a container and a volume as a Pod and a claim to the kubeconfig's cluster", "rpod kube apply --kubeconfig ~/.kube/config web data"), ("Deploy a YAML file to the namespace team", "rpod kube apply --kubeconfig ~/.kube/config --ns team -f web.yaml")]),
    ("generate spec", &[("podman's SpecGen JSON for a container, under a new name", "rpod generate spec --name web"), ("On one line, into a file", "rpod generate spec --compact -f web.json web")]),
    ("kube play", &[("Run the pods of a YAML file", "rpod kube play app.yaml"), ("Replace what an earlier play made, with a ConfigMap from another file", "rpod kube play --replace --configmap settings.yaml app.yaml"), ("Build the images that have a directory beside the YAML (web/Containerfile for image web), then play", "rpod kube play --build app.yaml"), ("Run the pods in the foreground; Ctrl-C (or their end) removes them and their volumes", "rpod kube play --wait app.yaml"), ("Publish every containerPort and name the containers as in the YAML", "rpod kube play --publish-all --no-pod-prefix app.yaml")]),
    ("kube down", &[("Remove the pods a YAML file made, and its volumes", "rpod kube down --force app.yaml")]),
    ("play", &[("podman 4's spelling of kube play", "rpod play kube app.yaml")]),
    ("play kube", &[("podman 4's spelling of kube play", "rpod play kube --replace app.yaml")]),
    ("generate kube", &[("podman 4's spelling of kube generate", "rpod generate kube --service web > web.yaml")]),
    ("quadlet", &[("Print the units ~/.config/containers/systemd/*.container would become", "rpod quadlet generate --dryrun")]),
    ("quadlet install", &[("Install a quadlet file for the current user", "rpod quadlet install web.container"), ("An application: every file of a directory", "rpod quadlet install ./webapp/"), ("Several quadlets from one file, each with a # FileName= line", "rpod quadlet install --replace webapp.quadlets")]),
    ("quadlet list", &[("The user's quadlets with their units' states", "rpod quadlet list"), ("Those whose unit runs", "rpod quadlet list --filter status=active/running --format '{{.Name}}'")]),
    ("quadlet print", &[("Show a quadlet file", "rpod quadlet print web.container")]),
    ("quadlet rm", &[("Remove a quadlet, stopping its unit", "rpod quadlet rm --force web.container"), ("Every quadlet the user installed", "rpod quadlet rm --all")]),
    ("quadlet generate", &[("Print the units instead of writing them", "rpod quadlet generate --dryrun"), ("Without root: write the units where user units live", "rpod quadlet generate ~/.config/systemd/user && systemctl --user daemon-reload"), ("As root, for every user: rpod as systemd's user generator", "ln -s /usr/local/bin/rpod /etc/systemd/user-generators/rpod-user-generator")]),
    ("search", &[("Images whose names hold a term, on one registry", "rpod search registry.example.com/postgres"), ("The tags of an image", "rpod search --list-tags registry.example.com/library/postgres")]),
    ("artifact", &[("Keep two files as an artifact and push it", "rpod artifact add quay.io/team/model:1 config.yaml weights.bin && rpod artifact push quay.io/team/model:1")]),
    ("artifact add", &[("Two files as one artifact, with its type", "rpod artifact add --type application/vnd.example.model quay.io/team/model:1 config.yaml weights.bin"), ("Add a file to it", "rpod artifact add --append quay.io/team/model:1 README.md"), ("Make it anew from one file with its media type", "rpod artifact add --replace --file-type application/x-yaml quay.io/team/model:1 config.yaml")]),
    ("artifact extract", &[("Every file into a directory, each under its title", "rpod artifact extract quay.io/team/model:1 ./model"), ("One file to a path", "rpod artifact extract --title config.yaml quay.io/team/model:1 ./config.yaml")]),
    ("artifact inspect", &[("The manifest, name and digest", "rpod artifact inspect quay.io/team/model:1"), ("Only the digest", "rpod artifact inspect -f '{{.Digest}}' quay.io/team/model:1")]),
    ("artifact ls", &[("List artifacts", "rpod artifact ls"), ("Names and sizes in bytes", "rpod artifact ls --format '{{.Repository}}:{{.Tag}} {{.VirtualSize}}'")]),
    ("artifact pull", &[("Pull an artifact", "rpod artifact pull quay.io/team/model:1"), ("From a registry without TLS", "rpod artifact pull --tls-verify=false localhost:5000/team/model:1")]),
    ("artifact push", &[("Push an artifact to the registry its name names", "rpod artifact push quay.io/team/model:1"), ("With credentials, writing the pushed digest to a file", "rpod artifact push --creds me:secret --digestfile model.digest quay.io/team/model:1"), ("Signed with your GPG key", "rpod artifact push --sign-by you@example.com quay.io/team/model:1")]),
    ("artifact rm", &[("Remove an artifact", "rpod artifact rm quay.io/team/model:1"), ("Every artifact", "rpod artifact rm --all")]),
    ("manifest", &[("Make a list of two images of different platforms and push it", "rpod manifest create app:1 localhost/app:amd64 localhost/app:arm64 && rpod manifest push app:1 registry.example.org/app:1")]),
    ("manifest add", &[("Add a local image", "rpod manifest add app:1 localhost/app:arm64"), ("Add the arm64 image of a list in a registry, with an annotation", "rpod manifest add --arch arm64 --annotation team=web app:1 docker://quay.io/team/app:1"), ("Add every image of a list in a registry", "rpod manifest add --all app:1 docker://quay.io/team/app:1")]),
    ("manifest annotate", &[("Record an entry's variant", "rpod manifest annotate --arch arm64 --variant v8 app:1 sha256:59eec8837a4d942cc19a52b8c09ea75121acc38114a2c68b98983ce9356b8610"), ("Annotate the list itself", "rpod manifest annotate --index --annotation org.opencontainers.image.source=https://example.org/app app:1")]),
    ("manifest create", &[("An empty list", "rpod manifest create app:1"), ("A list of two local images", "rpod manifest create app:1 localhost/app:amd64 localhost/app:arm64"), ("Add to the list if it exists", "rpod manifest create --amend app:1 localhost/app:s390x")]),
    ("manifest exists", &[("Create a list only when it is missing", "rpod manifest exists app:1 || rpod manifest create app:1")]),
    ("manifest inspect", &[("A local list's index", "rpod manifest inspect app:1"), ("An index in a registry", "rpod manifest inspect quay.io/team/app:1")]),
    ("manifest push", &[("Push a list and its images", "rpod manifest push app:1 registry.example.org/app:1"), ("As a Docker manifest list, removing the local list after", "rpod manifest push --format v2s2 --rm app:1 registry.example.org/app:1"), ("With zstd-compressed layers", "rpod manifest push --compression-format zstd app:1 registry.example.org/app:1"), ("Signing the list and each image with a sigstore key", "rpod manifest push --sign-by-sigstore-private-key cosign.key --sign-passphrase-file pass.txt app:1 registry.example.org/app:1")]),
    ("manifest remove", &[("Drop an entry from a list", "rpod manifest remove app:1 sha256:59eec8837a4d942cc19a52b8c09ea75121acc38114a2c68b98983ce9356b8610")]),
    ("manifest rm", &[("Remove a list (its images stay)", "rpod manifest rm app:1")]),
    ("secret", &[("Keep a password as a secret", "printf s3cret | rpod secret create dbpw -")]),
    ("secret create", &[("From standard input", "printf s3cret | rpod secret create dbpw -"), ("From a file, with a label", "rpod secret create --label team=db dbpw ./pw.txt"), ("From an environment variable", "rpod secret create --env dbpw DB_PASSWORD")]),
    ("secret exists", &[("Create a secret only when it is missing", "rpod secret exists dbpw || rpod secret create dbpw ./pw.txt")]),
    ("secret inspect", &[("A secret's record", "rpod secret inspect dbpw"), ("Its value", "rpod secret inspect --showsecret -f '{{.SecretData}}' dbpw")]),
    ("secret ls", &[("List secrets", "rpod secret ls"), ("Those with a label", "rpod secret ls --filter label=team=db")]),
    ("secret rm", &[("Remove a secret", "rpod secret rm dbpw"), ("Remove them all", "rpod secret rm --all")]),
    ("image diff", &[("What an image's top layer changes", "rpod image diff app"), ("What changed between two images", "rpod image diff app:1 app:2")]),
    ("image exists", &[("Pull an image only when it is missing", "rpod image exists busybox || rpod pull busybox")]),
    ("image tree", &[("An image's layers", "rpod image tree app"), ("The images built on it", "rpod image tree --whatrequires busybox")]),
    ("image sign", &[("Sign an image in a registry with your GPG key, into the signature storage registries.d names", "rpod image sign --sign-by you@example.com registry.example.com/team/app:1.0"), ("Into a directory of your choice, to publish on a web server", "rpod image sign --sign-by you@example.com --directory ./sigstore docker://registry.example.com/team/app:1.0")]),
    ("image trust", &[("Require images of a repository to be signed by a key", "rpod image trust set -t signedBy -f team.pub registry.example.com/team"), ("List the policy", "rpod image trust show")]),
    ("image trust set", &[("Require signatures by a key for a repository", "rpod image trust set -t signedBy -f team.pub registry.example.com/team"), ("Refuse every image not allowed by a more specific scope", "rpod image trust set -t reject default"), ("Accept a registry's images unsigned", "rpod image trust set -t accept docker.io")]),
    ("image trust show", &[("The policy as a table", "rpod image trust show"), ("As JSON", "rpod image trust show --json"), ("The policy file as it is", "rpod image trust show --raw")]),
    ("system migrate", &[("Nothing to migrate: rpod says so", "rpod system migrate")]),
    ("system renumber", &[("Nothing to renumber: rpod says so", "rpod system renumber")]),
    ("system service", &[("Serve the Docker API until stopped, for docker's CLI and SDKs", "rpod system service --time 0 & export DOCKER_HOST=unix://$XDG_RUNTIME_DIR/rpod/rpod.sock"), ("Serve it on another socket, exiting after a minute with no client", "rpod system service --time 60 unix:///tmp/rpod.sock"), ("Serve it on TCP over TLS, to clients with a certificate the CA signed", "rpod system service --time 0 --tls-cert server.pem --tls-key server-key.pem --tls-client-ca ca.pem tcp://127.0.0.1:2376"), ("Let a web page on another origin call it", "rpod system service --cors https://ui.example tcp://127.0.0.1:8080")]),
    ("untag", &[("Take one name off an image", "rpod untag app app:old"), ("Take all its names off", "rpod untag app")]),
    ("volume export", &[("Save a volume's contents", "rpod volume export data -o data.tar")]),
    ("volume import", &[("Fill a volume from an archive", "rpod volume import data data.tar"), ("From standard input", "cat data.tar | rpod volume import data -")]),
    (
        "",
        &[
            ("Run a shell in a new container", "rpod run -it busybox sh"),
            ("List the containers, running or not", "rpod ps -a"),
        ],
    ),
    (
        "attach",
        &[
            (
                "Attach to a running container; ^P^Q detaches",
                "rpod attach web",
            ),
            (
                "Watch its output without sending input",
                "rpod attach --no-stdin web",
            ),
            (
                "Leave ctrl-c to this command: the container runs on",
                "rpod attach --sig-proxy=false web",
            ),
        ],
    ),
    (
        "build",
        &[
            (
                "Build the Containerfile in this directory as app",
                "rpod build -t app .",
            ),
            (
                "Build another file with a build argument",
                "rpod build -f Dockerfile.dev --build-arg VERSION=2 -t app:dev .",
            ),
            (
                "Share the build cache through a registry: a clean machine skips the steps built before",
                "rpod build --cache-to registry.example.com/team/cache --cache-from registry.example.com/team/cache -t app .",
            ),
            (
                "Give RUN --mount=type=secret,id=npmrc steps a file that stays out of the image",
                "rpod build --secret id=npmrc,src=$HOME/.npmrc -t app .",
            ),
            (
                "Build, and also write the image's files into the directory out",
                "rpod build -o type=local,dest=out .",
            ),
            (
                "Build with the new layers squashed into one on top of the base image's",
                "rpod build --squash -t app .",
            ),
            (
                "Build the Containerfile on another base image than its first FROM names",
                "rpod build --from docker.io/library/alpine:3.20 -t app-alpine .",
            ),
            (
                "Build reproducibly: the same sources give the same image id every time",
                "rpod build --timestamp 0 -t app .",
            ),
        ],
    ),
    (
        "commit",
        &[
            (
                "Save a container's changes as an image",
                "rpod commit web web:patched",
            ),
            (
                "Change the command of the new image",
                "rpod commit -c 'CMD [\"httpd\", \"-f\"]' web web:v2",
            ),
            (
                "Commit a paused container as a one-layer image, its volumes kept as volumes",
                "rpod commit --pause --squash --include-volumes web web:flat",
            ),
        ],
    ),
    (
        "container",
        &[
            (
                "Every verb works under container too",
                "rpod container ls -a",
            ),
            ("Remove the stopped containers", "rpod container prune -f"),
        ],
    ),
    (
        "container prune",
        &[(
            "Remove every stopped container without asking",
            "rpod container prune -f",
        ), ("Only those labelled ci and created over a day ago", "rpod container prune -f --filter label=ci --filter until=24h")],
    ),
    (
        "cp",
        &[
            (
                "Copy a file into a container",
                "rpod cp app.conf web:/etc/app.conf",
            ),
            (
                "Copy a directory out of a container",
                "rpod cp web:/var/log ./logs",
            ),
            (
                "Copy between two containers",
                "rpod cp web:/srv/data db:/import",
            ),
            (
                "Stream a directory as a tar archive",
                "rpod cp web:/srv - > srv.tar",
            ),
        ],
    ),
    (
        "create",
        &[
            (
                "Create a container to start later",
                "rpod create --name web -p 8080:80 busybox httpd -f",
            ),
            ("Start it, attached", "rpod start -a web"),
            (
                "One whose later start -a shows only its errors",
                "rpod create -a stderr --name job busybox sh -c 'make 2>&1 >/dev/null'",
            ),
            (
                "An init container of pod app: pod start runs it to its end before the others",
                "rpod create --pod app --init-ctr always busybox sh -c 'mkdir -p /data/cache'",
            ),
        ],
    ),
    (
        "diff",
        &[
            ("What changed in a container's file system", "rpod diff web"),
            ("The same as JSON", "rpod diff --format json web"),
            ("What the container created last changed", "rpod diff -l"),
        ],
    ),
    (
        "events",
        &[
            (
                "Follow container events",
                "rpod events --filter type=container",
            ),
            (
                "What happened in the last hour, then stop",
                "rpod events --since 1h --stream=false",
            ),
            ("Past events with short IDs", "rpod events --stream=false --no-trunc=false"),
        ],
    ),
    (
        "exec",
        &[
            ("Run a shell in a running container", "rpod exec -it web sh"),
            (
                "Run a command with an extra variable",
                "rpod exec -e DEBUG=1 web env",
            ),
            ("Run a command in the container created last", "rpod exec -l ps"),
            (
                "A shell that ctrl-a x leaves running in the background",
                "rpod exec -it --detach-keys ctrl-a,x web sh",
            ),
        ],
    ),
    (
        "export",
        &[(
            "Export a container's file system as a tar archive",
            "rpod export -o web.tar web",
        )],
    ),
    (
        "history",
        &[
            (
                "The layers of an image and what made them",
                "rpod history busybox",
            ),
            ("Only the layer ids", "rpod history -q busybox"),
        ],
    ),
    (
        "image",
        &[
            ("List images", "rpod image ls"),
            ("Remove unused images", "rpod image prune -a -f"),
        ],
    ),
    (
        "image inspect",
        &[
            (
                "An image's configuration as JSON",
                "rpod image inspect busybox",
            ),
            (
                "One field of it",
                "rpod image inspect -f '{{.Config.Cmd}}' busybox",
            ),
        ],
    ),
    (
        "image prune",
        &[
            ("Remove dangling images", "rpod image prune -f"),
            (
                "Remove every image no container uses",
                "rpod image prune -a -f",
            ),
            (
                "Also remove the storage of containers whose records a crash lost",
                "rpod image prune -f --external",
            ),
        ],
    ),
    (
        "images",
        &[
            ("List images", "rpod images"),
            ("Only their ids", "rpod images -q"),
            (
                "Names and tags only",
                "rpod images --format '{{.Repository}}:{{.Tag}}'",
            ),
            ("Images by size, smallest first, without the header", "rpod images --sort size --noheading"),
        ],
    ),
    (
        "import",
        &[
            (
                "Make an image of a root file system tarball",
                "rpod import rootfs.tar myimage",
            ),
            (
                "Give it a command",
                "rpod import -c 'CMD [\"sh\"]' rootfs.tar myimage",
            ),
        ],
    ),
    (
        "info",
        &[
            ("What rpod sees of this host", "rpod info"),
            (
                "The storage driver only",
                "rpod info --format '{{.Store.GraphDriverName}}'",
            ),
        ],
    ),
    (
        "inspect",
        &[
            ("A container's configuration and state", "rpod inspect web"),
            ("Its state only", "rpod inspect -f '{{.State.Status}}' web"),
        ],
    ),
    (
        "kill",
        &[
            ("Kill a container", "rpod kill web"),
            ("Send it another signal", "rpod kill -s HUP web"),
        ],
    ),
    (
        "load",
        &[
            ("Load images from an archive", "rpod load -i images.tar"),
            ("From standard input", "rpod load < images.tar"),
        ],
    ),
    (
        "login",
        &[
            ("Log in to a registry", "rpod login registry.example.com"),
            (
                "With the password on standard input",
                "echo \"$TOKEN\" | rpod login -u me --password-stdin registry.example.com",
            ),
        ],
    ),
    (
        "logout",
        &[
            (
                "Forget the credentials of a registry",
                "rpod logout registry.example.com",
            ),
            ("Of every registry", "rpod logout --all"),
        ],
    ),
    (
        "logs",
        &[
            ("A container's output", "rpod logs web"),
            (
                "Follow it from the last 10 lines",
                "rpod logs -f --tail 10 web",
            ),
        ],
    ),
    (
        "pause",
        &[("Freeze every process of a container", "rpod pause web")],
    ),
    (
        "port",
        &[
            ("The published ports of a container", "rpod port web"),
            ("Where its port 80 is published", "rpod port web 80/tcp"),
            ("Every published port of every running container", "rpod port --all"),
        ],
    ),
    (
        "ps",
        &[
            ("Running containers", "rpod ps"),
            ("All of them, ids only", "rpod ps -aq"),
            (
                "Names and states",
                "rpod ps -a --format '{{.Names}} {{.Status}}'",
            ),
            ("List again every 2 seconds until interrupted", "rpod ps -a --watch 2"),
            (
                "Every node's containers of a store shared by a cluster",
                "rpod ps -a --all-nodes",
            ),
        ],
    ),
    (
        "pull",
        &[
            ("Pull an image", "rpod pull busybox"),
            (
                "For another architecture",
                "rpod pull --platform linux/arm64 busybox",
            ),
        ],
    ),
    (
        "push",
        &[
            (
                "Push an image to a registry",
                "rpod push registry.example.com/team/app:1.0",
            ),
            (
                "Push a local image under another name",
                "rpod push app registry.example.com/team/app:1.0",
            ),
            (
                "Push and sign it with your GPG key",
                "rpod push --sign-by you@example.com registry.example.com/team/app:1.0",
            ),
            (
                "Push and attach a sigstore signature (registries.d: use-sigstore-attachments: true)",
                "rpod push --sign-by-sigstore-private-key cosign.key --sign-passphrase-file pass.txt registry.example.com/team/app:1.0",
            ),
            (
                "Sign as a sigstore parameter file says (privateKeyFile, privateKeyPassphraseFile)",
                "rpod push --sign-by-sigstore sign.yaml registry.example.com/team/app:1.0",
            ),
            (
                "Push with zstd-compressed layers (an OCI manifest)",
                "rpod push --compression-format zstd --compression-level 10 app registry.example.com/team/app:1.0",
            ),
        ],
    ),
    (
        "rename",
        &[("Rename a container", "rpod rename web frontend")],
    ),
    (
        "restart",
        &[
            ("Restart a container", "rpod restart web"),
            ("Without waiting for it to stop", "rpod restart -t 0 web"),
        ],
    ),
    (
        "rm",
        &[
            ("Remove a stopped container", "rpod rm web"),
            (
                "Stop and remove it, with its anonymous volumes",
                "rpod rm -f -v web",
            ),
        ],
    ),
    (
        "rmi",
        &[
            ("Remove an image", "rpod rmi busybox"),
            ("Remove every image", "rpod rmi -a -f"),
            ("Remove images that may already be gone, keeping their build steps", "rpod rmi --ignore --no-prune app:old app:older"),
        ],
    ),
    (
        "run",
        &[
            ("Run a shell in a new container", "rpod run -it busybox sh"),
            (
                "Run a web server in the background on port 8080",
                "rpod run -d --name web -p 8080:80 busybox httpd -f",
            ),
            (
                "The same on a user-defined network, where other containers reach it as web",
                "rpod run -d --name web --network mynet -p 8080:80 busybox httpd -f",
            ),
            (
                "Mount a directory and remove the container afterwards",
                "rpod run --rm -v \"$PWD\":/src -w /src busybox ls",
            ),
            (
                "Show only the container's errors",
                "rpod run -a stderr busybox ls /nope",
            ),
            (
                "A shell that ctrl-a x detaches from",
                "rpod run -it --detach-keys ctrl-a,x busybox sh",
            ),
            (
                "Every GPU its CDI specification in /etc/cdi describes",
                "rpod run --rm --device nvidia.com/gpu=all IMAGE nvidia-smi",
            ),
            (
                "Run from a squashfs file made by save --format squashfs (writes stay in the container)",
                "rpod run --rm --rootfs busybox.sqfs sh -c 'echo hi > /tmp/x'",
            ),
            (
                "The same, naming the file as the image",
                "rpod run --rm sqfs:busybox.sqfs ls /",
            ),
            (
                "A healthcheck that starts once a slower startup check has passed twice",
                "rpod run -d --name web --health-cmd 'wget -qO- localhost' --health-startup-cmd 'test -f /tmp/ready' --health-startup-success 2 busybox httpd -f",
            ),
            (
                "Keep the last 20 results, also in a directory",
                "rpod run -d --health-cmd true --health-max-log-count 20 --health-log-destination /var/tmp busybox sleep 1d",
            ),
        ],
    ),
    (
        "save",
        &[
            (
                "Save an image to a docker archive",
                "rpod save -o busybox.tar busybox",
            ),
            (
                "As an OCI archive",
                "rpod save --format oci-archive -o busybox.tar busybox",
            ),
            (
                "As one squashfs file holding the flattened image",
                "rpod save --format squashfs -o busybox.sqfs busybox",
            ),
        ],
    ),
    (
        "start",
        &[
            ("Start a container", "rpod start web"),
            (
                "Start it attached, with standard input",
                "rpod start -ai web",
            ),
        ],
    ),
    (
        "stats",
        &[(
            "Resource use of running containers, once",
            "rpod stats --no-stream",
        ), ("Refresh every 2 seconds with full IDs, each table after the last", "rpod stats --interval 2 --no-trunc --no-reset")],
    ),
    (
        "stop",
        &[
            ("Stop a container", "rpod stop web"),
            ("Kill it after 2 seconds", "rpod stop -t 2 web"),
        ],
    ),
    (
        "system",
        &[
            ("Disk use", "rpod system df"),
            ("Remove everything unused", "rpod system prune -a -f"),
        ],
    ),
    (
        "system check",
        &[
            ("Check the store", "rpod system check"),
            ("Repair what can be repaired", "rpod system check --repair"),
        ],
    ),
    (
        "system df",
        &[(
            "Disk use of images, containers and volumes",
            "rpod system df",
        )],
    ),
    (
        "system doctor",
        &[
            (
                "What this host degrades or lacks, and the fix for each",
                "rpod system doctor",
            ),
            (
                "Each check's status and the fix, one line each",
                "rpod system doctor --format '{{.ID}} {{.Status}} {{.Fix}}'",
            ),
            ("For a script", "rpod system doctor --format json"),
        ],
    ),
    (
        "system prune",
        &[
            (
                "Remove stopped containers and dangling images",
                "rpod system prune -f",
            ),
            (
                "Also unused images and volumes",
                "rpod system prune -a --volumes -f",
            ),
        ],
    ),
    (
        "system reset",
        &[(
            "Remove every container, image and volume",
            "rpod system reset -f",
        )],
    ),
    (
        "tag",
        &[(
            "Give an image another name",
            "rpod tag busybox registry.example.com/team/busybox:1.36",
        )],
    ),
    (
        "top",
        &[
            ("The processes of a container", "rpod top web"),
            ("Chosen columns", "rpod top web pid user args"),
            ("The processes of the container created last", "rpod top -l"),
        ],
    ),
    (
        "unpause",
        &[("Resume a paused container", "rpod unpause web")],
    ),
    (
        "update",
        &[(
            "Change a container's limits",
            "rpod update --memory 256m --cpus 1 web",
        ), ("Restart it when it fails, from its next exit", "rpod update --restart on-failure:3 web"),
        ("Change a running container's healthcheck now", "rpod update --health-cmd 'curl -f http://localhost/' --health-interval 10s web"),
        ("Set a variable for new execs and the next start", "rpod update -e LOG_LEVEL=debug --unsetenv DEBUG web"),
        ("Raise the open files limit from the next start", "rpod update --ulimit nofile=4096:8192 web")],
    ),
    ("version", &[("rpod's version", "rpod version")]),
    (
        "volume",
        &[
            ("List volumes", "rpod volume ls"),
            ("Remove the unused anonymous ones", "rpod volume prune -f"),
        ],
    ),
    (
        "volume create",
        &[
            ("Create a named volume", "rpod volume create data"),
            ("With a label", "rpod volume create --label team=web data"),
            ("A volume whose directory belongs to uid 1000 inside", "rpod volume create --uid 1000 --gid 1000 data"),
        ],
    ),
    (
        "volume exists",
        &[(
            "Create a volume only when it is missing",
            "rpod volume exists data || rpod volume create data",
        )],
    ),
    (
        "volume inspect",
        &[(
            "Where a volume keeps its data",
            "rpod volume inspect -f '{{.Mountpoint}}' data",
        )],
    ),
    (
        "volume ls",
        &[
            ("List volumes", "rpod volume ls"),
            (
                "Only the unused ones",
                "rpod volume ls --filter dangling=true",
            ),
        ],
    ),
    (
        "volume prune",
        &[
            ("Remove unused anonymous volumes", "rpod volume prune -f"),
            ("And unused named ones", "rpod volume prune --all -f"),
            ("Remove the unused volumes labelled tmp", "rpod volume prune -a -f --filter label=tmp"),
        ],
    ),
    ("volume reload", &[("Nothing to reload: rpod has no volume plugins, and says so", "rpod volume reload")]),
    ("volume rm", &[("Remove a volume", "rpod volume rm data")]),
    (
        "wait",
        &[(
            "Wait for a container to exit and print its code",
            "rpod wait web",
        ), ("Wait for whichever of two containers exits first", "rpod wait --exit-first-match worker1 worker2")],
    ),
];

/// Group verbs that are the top-level verb under another name.
const SAME_AS: &[(&str, &str)] = &[
    ("container ls", "ps"),
    ("image ls", "images"),
    ("image rm", "rmi"),
    ("system events", "events"),
    ("system info", "info"),
    ("container inspect", "inspect"),
    ("image untag", "untag"),
];

/// The examples of a command by its path below `rpod` (`""` for rpod itself).
pub fn for_path(path: &str) -> Option<&'static [Example]> {
    let find = |key: &str| EXAMPLES.iter().find(|(k, _)| *k == key).map(|(_, e)| *e);
    if let Some(found) = find(path) {
        return Some(found);
    }
    if let Some((_, same)) = SAME_AS.iter().find(|(k, _)| *k == path) {
        return find(same);
    }
    let (group, verb) = path.split_once(' ')?;
    ["container", "image", "system"]
        .contains(&group)
        .then(|| find(verb))
        .flatten()
}

/// Adds each command's examples to its help, below and through every subcommand.
pub fn attach(cmd: clap::Command) -> clap::Command {
    attach_at(cmd, "")
}

fn attach_at(mut cmd: clap::Command, path: &str) -> clap::Command {
    if let Some(examples) = for_path(path) {
        let lines: Vec<String> = examples.iter().map(|(_, c)| format!("  {c}")).collect();
        cmd = cmd.after_help(format!("Examples:\n{}", lines.join("\n")));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |sub| attach_at(sub, &sub_path));
    }
    cmd
}
