# Emits RESP commands for a mixed dataset (JSON-like strings, hashes, lists, random binary blobs)
# until about argv[1] bytes; pipe into `redis-cli -p PORT --pipe`, then SAVE.
import os, random, sys, json
random.seed(42)
target = int(sys.argv[1])
words = [''.join(random.choices('abcdefghijklmnopqrstuvwxyz', k=random.randint(3, 10))) for _ in range(5000)]
out = sys.stdout.buffer
def cmd(*args):
    parts = [b'*%d\r\n' % len(args)]
    for a in args:
        if isinstance(a, str): a = a.encode()
        parts.append(b'$%d\r\n%s\r\n' % (len(a), a))
    return b''.join(parts)
written = 0
i = 0
buf = []
while written < target:
    i += 1
    r = random.random()
    if r < 0.40:
        doc = {"id": i, "user": random.choice(words) + str(random.randint(1, 10**6)),
               "email": random.choice(words) + "@" + random.choice(words) + ".com",
               "bio": ' '.join(random.choices(words, k=random.randint(20, 120))),
               "score": random.random() * 1000, "tags": random.choices(words, k=5),
               "created": 1700000000 + random.randint(0, 10**7)}
        c = cmd('SET', 'session:%d' % i, json.dumps(doc))
        if random.random() < 0.3:
            c += cmd('PEXPIRE', 'session:%d' % i, str(random.randint(10**6, 10**9)))
    elif r < 0.60:
        args = ['HSET', 'user:%d' % i]
        for f in range(random.randint(5, 20)):
            args += ['f_' + random.choice(words), random.choice([str(random.randint(0, 10**9)), ' '.join(random.choices(words, k=3))])]
        c = cmd(*args)
    elif r < 0.75:
        c = cmd('SET', 'blob:%d' % i, os.urandom(random.randint(200, 4000)))
    elif r < 0.90:
        c = cmd('RPUSH', 'feed:%d' % i, *[str(random.randint(0, 10**12)) for _ in range(random.randint(10, 200))])
    else:
        c = cmd('SET', 'counter:%d' % i, str(random.randint(0, 10**12)))
    buf.append(c)
    written += len(c)
    if len(buf) >= 1000:
        out.write(b''.join(buf)); buf = []
out.write(b''.join(buf))
