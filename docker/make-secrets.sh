#!/usr/bin/env sh
# What docker/compose.yaml needs and the repository must not hold, made once into docker/:
#   .env                            passwords and keys for Redis and S3 (random), unless it exists
#   secrets/ssh_host_*_key          the SFTP server's host keys, made here rather than by the server
#   secrets/known_hosts             so that Caravan knows those keys before the server first starts
#   secrets/caravan_sftp_key(.pub)  Caravan's SFTP login key
# Existing files are kept: run it again after deleting one to replace it.
set -eu
cd "$(dirname "$0")"
umask 077
mkdir -p secrets

random() {
  od -An -tx1 -N16 /dev/urandom | tr -d ' \n'
}

if [ ! -f .env ]; then
  {
    echo "REDIS_PASSWORD=$(random)"
    echo "S3_ACCESS_KEY=caravan"
    echo "S3_SECRET_KEY=$(random)"
  } > .env
fi

[ -f secrets/ssh_host_ed25519_key ] || ssh-keygen -q -t ed25519 -N '' -C sftp-host -f secrets/ssh_host_ed25519_key
[ -f secrets/ssh_host_rsa_key ] || ssh-keygen -q -t rsa -b 3072 -N '' -C sftp-host -f secrets/ssh_host_rsa_key
# ECDSA P-256 in OpenSSH format: the kind of key the SFTP tests log in with.
[ -f secrets/caravan_sftp_key ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C caravan -f secrets/caravan_sftp_key

# Caravan dials the compose service "sftp" on port 22, so its known_hosts names the host "sftp".
for key in secrets/ssh_host_ed25519_key.pub secrets/ssh_host_rsa_key.pub; do
  printf 'sftp %s\n' "$(cut -d' ' -f1,2 "$key")"
done > secrets/known_hosts

# Caravan runs as uid 185 and reads its key through a bind mount that keeps these modes: this
# stack's throwaway key must be readable by it. A real deployment mounts a key readable by 185 only.
chmod 0644 secrets/caravan_sftp_key secrets/known_hosts
echo "docker/.env and docker/secrets/ are ready; now: docker compose -f docker/compose.yaml up -d --build"
