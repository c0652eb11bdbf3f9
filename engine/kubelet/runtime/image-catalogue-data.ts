/**
 * The images the simulated runtime knows, as YAML data (the engine cannot read files, so the text is embedded
 * here; image-catalogue.ts parses and checks it). Behaviour is data, kwok-style: a lab can add or override
 * images and programs without code.
 *
 * Figures are plausible, not measured: compressed sizes as registries report them (nginx ≈ 72 MB, busybox ≈ 2 MB)
 * and pull times for a ~20 MB/s link with a small fixed overhead (nginx 4 s, busybox 1 s, perl 9 s).
 *
 * Schema (checked by image-catalogue.ts):
 *   bases.<name>.files: path → content           files every image on that base starts with
 *   images[]: repository, tags (['*'] = any tag), sizeBytes, pullSeconds, base, shell (has sh + busybox applets),
 *     entrypoint, cmd, env, workingDir, stopSignal (image STOPSIGNAL, honoured by containerd), files
 *   programs[]: match (argv[0] basename, optionally argv[1]) → startup lines, execArgs (exec argv[1:] after
 *     startup, like an entrypoint script), listen (http routes/static root, tcp, redis, grpc health), every
 *     (periodic log line), exit (crash after T s), memory (start + ramp), cpuMillicores, onTerm, onStopSignal
 *   internet[]: host, ip, listen — the few outside hosts docs examples fetch (the init-containers tutorial's
 *     info.cern.ch); everything else outside the cluster does not resolve, as in an offline cluster.
 *   Text templates: {{nginxTime}} `2026/11/23 20:34:23`, {{httpdTime}}, {{uptimeSeconds}}, {{n}} (1-based count),
 *     {{date}} (busybox date), {{hostname}}, {{ip}}.
 */
export const CATALOGUE_YAML = String.raw`
bases:
  busybox:
    files:
      /etc/passwd: |
        root:x:0:0:root:/root:/bin/sh
        daemon:x:1:1:daemon:/usr/sbin:/bin/false
        bin:x:2:2:bin:/bin:/bin/false
        sys:x:3:3:sys:/dev:/bin/false
        sync:x:4:100:sync:/bin:/bin/sync
        mail:x:8:8:mail:/var/spool/mail:/bin/false
        www-data:x:33:33:www-data:/var/www:/bin/false
        operator:x:37:37:Operator:/var:/bin/false
        nobody:x:65534:65534:nobody:/home:/bin/false
      /etc/group: |
        root:x:0:
        daemon:x:1:
        bin:x:2:
        sys:x:3:
        wheel:x:10:root
        nobody:x:65534:
      /bin/sh: ''
      /bin/busybox: ''
      /root/.keep: ''
      /tmp/.keep: ''
      /var/.keep: ''
      /home/.keep: ''
  alpine:
    files:
      /etc/os-release: |
        NAME="Alpine Linux"
        ID=alpine
        VERSION_ID=3.20.3
        PRETTY_NAME="Alpine Linux v3.20"
        HOME_URL="https://alpinelinux.org/"
        BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
      /etc/alpine-release: "3.20.3\n"
      /etc/passwd: |
        root:x:0:0:root:/root:/bin/sh
        nobody:x:65534:65534:nobody:/:/sbin/nologin
      /bin/sh: ''
      /bin/busybox: ''
      /root/.keep: ''
      /tmp/.keep: ''
  debian:
    files:
      /etc/os-release: |
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        VERSION="12 (bookworm)"
        VERSION_CODENAME=bookworm
        ID=debian
        HOME_URL="https://www.debian.org/"
        SUPPORT_URL="https://www.debian.org/support"
        BUG_REPORT_URL="https://bugs.debian.org/"
      /etc/debian_version: "12.8\n"
      /etc/passwd: |
        root:x:0:0:root:/root:/bin/bash
        nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
      /bin/sh: ''
      /bin/bash: ''
      /root/.keep: ''
      /tmp/.keep: ''
  ubuntu:
    files:
      /etc/os-release: |
        PRETTY_NAME="Ubuntu 24.04.1 LTS"
        NAME="Ubuntu"
        VERSION_ID="24.04"
        VERSION="24.04.1 LTS (Noble Numbat)"
        VERSION_CODENAME=noble
        ID=ubuntu
        ID_LIKE=debian
        HOME_URL="https://www.ubuntu.com/"
        SUPPORT_URL="https://help.ubuntu.com/"
        BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
        PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
        UBUNTU_CODENAME=noble
        LOGO=ubuntu-logo
      /bin/sh: ''
      /bin/bash: ''
      /root/.keep: ''
      /tmp/.keep: ''
  scratch:
    files: {}

images:
  - repository: registry.k8s.io/pause
    tags: ['3.10', '3.9', '3.8']
    sizeBytes: 320368
    pullSeconds: 0.5
    base: scratch
    shell: false
    entrypoint: [/pause]
    cmd: []
  # The StatefulSet tutorials' image: nginx on a slim Debian, no entrypoint script.
  - repository: registry.k8s.io/nginx-slim
    tags: ['*']
    sizeBytes: 37210464
    pullSeconds: 2
    base: debian
    shell: true
    entrypoint: []
    cmd: [nginx, -g, daemon off;]
    env:
      PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  - repository: docker.io/library/nginx
    tags: ['*']
    sizeBytes: 72195292
    pullSeconds: 4
    base: debian
    shell: true
    entrypoint: [/docker-entrypoint.sh]
    cmd: [nginx, -g, daemon off;]
    stopSignal: QUIT
    env:
      PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      NGINX_VERSION: 1.27.3
      NJS_VERSION: 0.8.7
      NJS_RELEASE: 1~bookworm
      PKG_RELEASE: 1~bookworm
      DYNPKG_RELEASE: 1~bookworm
    files:
      /usr/share/nginx/html/index.html: |
        <!DOCTYPE html>
        <html>
        <head>
        <title>Welcome to nginx!</title>
        <style>
        html { color-scheme: light dark; }
        body { width: 35em; margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif; }
        </style>
        </head>
        <body>
        <h1>Welcome to nginx!</h1>
        <p>If you see this page, the nginx web server is successfully installed and
        working. Further configuration is required.</p>

        <p>For online documentation and support please refer to
        <a href="http://nginx.org/">nginx.org</a>.<br/>
        Commercial support is available at
        <a href="http://nginx.com/">nginx.com</a>.</p>

        <p><em>Thank you for using nginx.</em></p>
        </body>
        </html>
      /usr/share/nginx/html/50x.html: |
        <!DOCTYPE html>
        <html>
        <head>
        <title>Error</title>
        <style>
        html { color-scheme: light dark; }
        body { width: 35em; margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif; }
        </style>
        </head>
        <body>
        <h1>An error occurred.</h1>
        <p>Sorry, the page you are looking for is currently unavailable.<br/>
        Please try again later.</p>
        <p>If you are the system administrator of this resource then you should check
        the error log for details.</p>
        <p><em>Faithfully yours, nginx.</em></p>
        </body>
        </html>
      /etc/nginx/nginx.conf: |

        user  nginx;
        worker_processes  auto;

        error_log  /var/log/nginx/error.log notice;
        pid        /var/run/nginx.pid;


        events {
            worker_connections  1024;
        }


        http {
            include       /etc/nginx/mime.types;
            default_type  application/octet-stream;

            log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                              '$status $body_bytes_sent "$http_referer" '
                              '"$http_user_agent" "$http_x_forwarded_for"';

            access_log  /var/log/nginx/access.log  main;

            sendfile        on;
            #tcp_nopush     on;

            keepalive_timeout  65;

            #gzip  on;

            include /etc/nginx/conf.d/*.conf;
        }
      /etc/nginx/conf.d/default.conf: |
        server {
            listen       80;
            listen  [::]:80;
            server_name  localhost;

            location / {
                root   /usr/share/nginx/html;
                index  index.html index.htm;
            }

            error_page   500 502 503 504  /50x.html;
            location = /50x.html {
                root   /usr/share/nginx/html;
            }
        }
  - repository: docker.io/library/httpd
    tags: ['*']
    sizeBytes: 58214882
    pullSeconds: 3.5
    base: debian
    shell: true
    entrypoint: []
    cmd: [httpd-foreground]
    stopSignal: WINCH
    env:
      PATH: /usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      HTTPD_PREFIX: /usr/local/apache2
      HTTPD_VERSION: 2.4.62
    workingDir: /usr/local/apache2
    files:
      /usr/local/apache2/htdocs/index.html: "<html><body><h1>It works!</h1></body></html>\n"
  - repository: docker.io/library/redis
    tags: ['*']
    sizeBytes: 45961201
    pullSeconds: 3
    base: debian
    shell: true
    entrypoint: [docker-entrypoint.sh]
    cmd: [redis-server]
    env:
      PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      REDIS_VERSION: 7.4.1
    workingDir: /data
  - repository: docker.io/library/busybox
    tags: ['*']
    sizeBytes: 2155048
    pullSeconds: 1
    base: busybox
    shell: true
    entrypoint: []
    cmd: [sh]
    env:
      PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  - repository: registry.k8s.io/busybox
    tags: ['*']
    sizeBytes: 1144547
    pullSeconds: 1
    base: busybox
    shell: true
    entrypoint: []
    cmd: [sh]
    env:
      PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  - repository: docker.io/library/alpine
    tags: ['*']
    sizeBytes: 3623807
    pullSeconds: 1
    base: alpine
    shell: true
    entrypoint: []
    cmd: [/bin/sh]
    env:
      PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  - repository: docker.io/library/ubuntu
    tags: ['*']
    sizeBytes: 29754290
    pullSeconds: 2.5
    base: ubuntu
    shell: true
    entrypoint: []
    cmd: [/bin/bash]
    env:
      PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  - repository: docker.io/library/debian
    tags: ['*']
    sizeBytes: 48492262
    pullSeconds: 3
    base: debian
    shell: true
    entrypoint: []
    cmd: [bash]
    env:
      PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  - repository: docker.io/library/perl
    tags: ['*']
    sizeBytes: 335830021
    pullSeconds: 9
    base: debian
    shell: true
    entrypoint: []
    cmd: [perl5.40.0, -de0]
    env:
      PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  - repository: registry.k8s.io/e2e-test-images/agnhost
    tags: ['*']
    sizeBytes: 51216435
    pullSeconds: 3.5
    base: alpine
    shell: true
    entrypoint: [/agnhost]
    cmd: []
  - repository: registry.k8s.io/goproxy
    tags: ['*']
    sizeBytes: 2530406
    pullSeconds: 1
    base: scratch
    shell: false
    entrypoint: [/goproxy]
    cmd: []
  - repository: registry.k8s.io/etcd
    tags: ['*']
    sizeBytes: 57680541
    pullSeconds: 4
    base: scratch
    shell: false
    entrypoint: []
    cmd: [/usr/local/bin/etcd, --data-dir=/var/lib/etcd, --listen-client-urls=http://0.0.0.0:2379, --advertise-client-urls=http://127.0.0.1:2379]
  - repository: k8s.gcr.io/fluentd-elasticsearch
    tags: ['*']
    sizeBytes: 140623130
    pullSeconds: 7
    base: debian
    shell: true
    entrypoint: []
    cmd: [/run.sh]
  # Lab images: each shows one behaviour a lab can provoke.
  - repository: docker.io/clusterlab/crasher
    tags: ['*']
    sizeBytes: 2201120
    pullSeconds: 1
    base: busybox
    shell: true
    entrypoint: [/crasher]
    cmd: []
  - repository: docker.io/clusterlab/ticker
    tags: ['*']
    sizeBytes: 2201120
    pullSeconds: 1
    base: busybox
    shell: true
    entrypoint: [/ticker]
    cmd: []
  - repository: docker.io/clusterlab/memory-hog
    tags: ['*']
    sizeBytes: 2201120
    pullSeconds: 1
    base: busybox
    shell: true
    entrypoint: [/memory-hog]
    cmd: []
  - repository: docker.io/clusterlab/flaky-health
    tags: ['*']
    sizeBytes: 2201120
    pullSeconds: 1
    base: busybox
    shell: true
    entrypoint: [/flaky-health]
    cmd: []
  - repository: docker.io/clusterlab/slow-pull
    tags: ['*']
    sizeBytes: 1073741824
    pullSeconds: 90
    base: busybox
    shell: true
    entrypoint: []
    cmd: [sleep, infinity]

programs:
  - match: [pause]
    cpuMillicores: 0
    memoryBytes: 245760
    onTerm: { exitCode: 0 }
  - match: [docker-entrypoint.sh]
    execArgs: true
    memoryBytes: 0
    startup:
      - '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'
      - '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'
      - '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'
      - "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf"
      - "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"
      - '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'
      - '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'
      - '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'
      - "/docker-entrypoint.sh: Configuration complete; ready for start up"
    onlyWhenNextArg: nginx
  - match: [nginx]
    cpuMillicores: 0.1
    memoryBytes: 3145728
    startupStderr:
      - '{{nginxTime}} [notice] 1#1: using the "epoll" event method'
      - '{{nginxTime}} [notice] 1#1: nginx/1.27.3'
      - '{{nginxTime}} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)'
      - '{{nginxTime}} [notice] 1#1: OS: Linux 6.6.0'
      - "{{nginxTime}} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576"
      - '{{nginxTime}} [notice] 1#1: start worker processes'
      - '{{nginxTime}} [notice] 1#1: start worker process 29'
    listen:
      - port: 80
        http:
          server: nginx/1.27.3
          staticRoot: /usr/share/nginx/html
          accessLog: '{{clientIp}} - - [{{clfTime}}] "{{requestLine}}" {{status}} {{bytes}} "-" "{{userAgent}}" "-"'
    onStopSignal:
      QUIT:
        exitCode: 0
        stderr:
          - '{{nginxTime}} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down'
          - '{{nginxTime}} [notice] 29#29: gracefully shutting down'
          - '{{nginxTime}} [notice] 29#29: exiting'
          - '{{nginxTime}} [notice] 29#29: exit'
          - '{{nginxTime}} [notice] 1#1: signal 17 (SIGCHLD) received from 29'
          - '{{nginxTime}} [notice] 1#1: worker process 29 exited with code 0'
          - '{{nginxTime}} [notice] 1#1: exit'
      TERM:
        exitCode: 0
        stderr:
          - '{{nginxTime}} [notice] 1#1: signal 15 (SIGTERM) received, exiting'
          - '{{nginxTime}} [notice] 1#1: exit'
  - match: [httpd-foreground]
    cpuMillicores: 0.2
    memoryBytes: 5242880
    startupStderr:
      - "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {{ip}}. Set the 'ServerName' directive globally to suppress this message"
      - "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {{ip}}. Set the 'ServerName' directive globally to suppress this message"
      - "[{{httpdTime}}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations"
      - "[{{httpdTime}}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'"
    listen:
      - port: 80
        http:
          server: Apache/2.4.62 (Unix)
          staticRoot: /usr/local/apache2/htdocs
          accessLog: '{{clientIp}} - - [{{clfTime}}] "{{requestLine}}" {{status}} {{bytes}}'
    onStopSignal:
      WINCH:
        exitCode: 0
        stderr:
          - "[{{httpdTime}}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully"
  - match: [redis-server]
    cpuMillicores: 2
    memoryBytes: 3670016
    startup:
      - "1:C {{redisTime}} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"
      - "1:C {{redisTime}} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started"
      - "1:C {{redisTime}} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf"
      - "1:M {{redisTime}} * monotonic clock: POSIX clock_gettime"
      - "1:M {{redisTime}} * Running mode=standalone, port=6379."
      - "1:M {{redisTime}} * Server initialized"
      - "1:M {{redisTime}} * Ready to accept connections tcp"
    listen:
      - port: 6379
        redis: true
    onTerm:
      exitCode: 0
      stdout:
        - "1:signal-handler ({{unixSeconds}}) Received SIGTERM scheduling shutdown..."
        - "1:M {{redisTime}} * User requested shutdown..."
        - "1:M {{redisTime}} * Saving the final RDB snapshot before exiting."
        - "1:M {{redisTime}} * DB saved on disk"
        - "1:M {{redisTime}} # Redis is now ready to exit, bye bye..."
  - match: [agnhost, liveness]
    cpuMillicores: 0.1
    memoryBytes: 2097152
    listen:
      - port: 8080
        http:
          routes:
            - path: /healthz
              untilSeconds: 10
              status: 200
              body: ok
            - path: /healthz
              status: 500
              body: 'error: {{uptimeSeconds}}'
            - path: /
              status: 301
              body: ''
    onTerm: { exitCode: 2 }
  - match: [agnhost, netexec]
    cpuMillicores: 0.1
    memoryBytes: 4194304
    startup:
      - 'Started HTTP server on port 8080'
      - 'Started UDP server on port  8081'
    listen:
      - port: 8080
        http:
          routes:
            - { path: /hostname, status: 200, body: '{{hostname}}' }
            - { path: /healthz, status: 200, body: '' }
            - { path: /, status: 200, body: 'NOW: {{goTime}}' }
    onTerm: { exitCode: 2 }
  - match: [agnhost, pause]
    cpuMillicores: 0
    memoryBytes: 1048576
    startup: [Paused]
    onTerm: { exitCode: 0, stdout: [Shutting down after receiving signal terminated.] }
  - match: [agnhost]
    exit: { afterSeconds: 0, code: 1 }
    startupStderr:
      - 'Usage:'
      - '  agnhost [command]'
  - match: [goproxy]
    cpuMillicores: 0.1
    memoryBytes: 2621440
    listen:
      - port: 8080
        tcp: true
    onTerm: { exitCode: 2 }
  - match: [etcd]
    cpuMillicores: 15
    memoryBytes: 25165824
    startupStderr:
      - '{"level":"info","ts":"{{rfc3339}}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd"]}'
      - '{"level":"info","ts":"{{rfc3339}}","caller":"embed/serve.go:187","msg":"serving client traffic insecurely; this is strongly discouraged!","traffic":"grpc+http","address":"[::]:2379"}'
    listen:
      - port: 2379
        grpc: { status: SERVING }
    onTerm: { exitCode: 0 }
  - match: [run.sh]
    cpuMillicores: 3
    memoryBytes: 83886080
    startup:
      - '{{rfc3339}} [info]: parsing config file is succeeded path="/etc/td-agent/td-agent.conf"'
    onTerm: { exitCode: 0 }
  - match: [crasher]
    memoryBytes: 1048576
    startup: [starting up; will crash in 5 seconds]
    exit: { afterSeconds: 5, code: 1, stderr: ['panic: simulated crash'] }
  - match: [ticker]
    memoryBytes: 1048576
    every: { seconds: 1, text: '{{n}}: {{date}}' }
  - match: [memory-hog]
    cpuMillicores: 50
    memoryBytes: 5242880
    memoryRampBytesPerSecond: 10485760
    startup: [allocating 10 MiB per second]
  - match: [flaky-health]
    memoryBytes: 1048576
    startup: [serving /healthz on :8080; healthy for 30 s]
    listen:
      - port: 8080
        http:
          routes:
            - { path: /healthz, untilSeconds: 30, status: 200, body: ok }
            - { path: /healthz, status: 503, body: unhealthy }
            - { path: /ready, status: 200, body: ok }

internet:
  - host: info.cern.ch
    ip: 188.184.67.127
    listen:
      - port: 80
        http:
          server: Apache
          routes:
            - path: /
              status: 200
              contentType: text/html
              body: |
                <html><head></head><body><header>
                <title>http://info.cern.ch</title>
                </header>

                <h1>http://info.cern.ch - home of the first website</h1>
                <p>From here you can:</p>
                <ul>
                <li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>
                <li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>
                <li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>
                <li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>
                </ul>
                </body></html>
`;
