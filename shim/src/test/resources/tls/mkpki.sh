#!/bin/sh
# A throwaway PKI laid out under libvirt's file names, for the TLS tests (openssl; certtool for its key formats).
# usage: mkpki.sh OUTDIR
#   server/   cacert.pem cacrl.pem servercert.pem serverkey.pem   (a daemon's --pki-dir)
#   client/ revoked/ expired/ otherca/ distrust/ nocert/ denied/  (a client's ?pkipath=)
#   ec-dsonly/ a server dir whose certificate's critical keyUsage lacks keyEncipherment
#   inter-in-ca/    server dir: cacert.pem = root + intermediate CA, servercert.pem = the leaf the intermediate signed
#   inter-sent/     server dir: cacert.pem = root only, servercert.pem = leaf + intermediate
#   inter-client/   client dir: cacert.pem = root + intermediate, clientcert.pem = leaf signed by the intermediate
#   inter-sending/  client dir: as inter-client, clientcert.pem = leaf + intermediate
#   key-certtool-rsa/ key-certtool-ec/ key-openssl-sec1/  server dirs whose key is certtool's default RSA
#                   (PKCS#1 after a text dump), certtool's ECDSA (SEC1) and openssl's ecparam (SEC1 + EC PARAMETERS)
set -eu
out=$1
rm -rf "$out"; mkdir -p "$out/tmp"; cd "$out"

key() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; chmod 600 "$1"; }

ca() { # name subject
    key "tmp/$1.key"
    printf '[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n' > "tmp/$1.cnf"
    openssl req -new -x509 -key "tmp/$1.key" -days 3650 -sha256 -subj "$2" -extensions v3 -config "tmp/$1.cnf" -out "tmp/$1.pem"
    mkdir -p "tmp/$1.db"; : > "tmp/$1.db/index.txt"; echo 01 > "tmp/$1.db/crlnumber"
    printf '[ca]\ndefault_ca=c\n[c]\ndatabase=tmp/%s.db/index.txt\ncrlnumber=tmp/%s.db/crlnumber\nnew_certs_dir=tmp/%s.db\nserial=tmp/%s.db/serial\ndefault_md=sha256\ndefault_crl_days=365\npolicy=p\npreserve=yes\nunique_subject=no\n[p]\ncountryName=optional\norganizationName=optional\ncommonName=optional\n' "$1" "$1" "$1" "$1" > "tmp/$1.ca.cnf"
    openssl rand -hex 8 > "tmp/$1.db/serial"
}

leaf() { # ca name subject eku [ku] [startdate enddate] [keyfile-kind]
    case "${8:-rsa}" in
    ec) openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "tmp/$2.key" ;;
    certtool-rsa) certtool --generate-privkey --bits 2048 --outfile "tmp/$2.key" 2>/dev/null ;;
    certtool-ec) certtool --generate-privkey --key-type ecdsa --outfile "tmp/$2.key" 2>/dev/null ;;
    openssl-sec1) openssl ecparam -name prime256v1 -genkey -out "tmp/$2.key" ;;
    *)
        key "tmp/$2.key" ;;
    esac
    openssl req -new -key "tmp/$2.key" -subj "$3" -out "tmp/$2.csr"
    {
        echo "basicConstraints=critical,CA:FALSE"
        echo "keyUsage=${5:-critical,digitalSignature,keyEncipherment}"
        echo "extendedKeyUsage=$4"
        [ "$4" = serverAuth ] && echo "subjectAltName=DNS:localhost,IP:127.0.0.1"
        true
    } > "tmp/$2.ext"
    openssl ca -batch -notext -config "tmp/$1.ca.cnf" -cert "tmp/$1.pem" -keyfile "tmp/$1.key" \
        -startdate "${6:-20200101000000Z}" -enddate "${7:-20991231000000Z}" \
        -extfile "tmp/$2.ext" -in "tmp/$2.csr" -out "tmp/$2.pem" 2>/dev/null
}

client_dir() { # dir ca-to-trust cert-name
    mkdir -p "$1"; cp "tmp/$2.pem" "$1/cacert.pem"
    if [ -n "$3" ]; then cp "tmp/$3.pem" "$1/clientcert.pem"; cp "tmp/$3.key" "$1/clientkey.pem"; fi
}

ca ca "/O=metalvirt test/CN=metalvirt test CA"
# An intermediate CA the root signed, kept in the openssl ca layout of its own.
ca inter "/O=metalvirt test/CN=metalvirt test intermediate CA"
openssl req -new -key tmp/inter.key -subj "/O=metalvirt test/CN=metalvirt test intermediate CA" -out tmp/inter.csr
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n' > tmp/inter.ext
openssl ca -batch -notext -config tmp/ca.ca.cnf -cert tmp/ca.pem -keyfile tmp/ca.key -startdate 20200101000000Z \
    -enddate 20991231000000Z -extfile tmp/inter.ext -in tmp/inter.csr -out tmp/inter.pem 2>/dev/null
ca other "/O=someone else/CN=another CA"
leaf ca server "/O=metalvirt test/CN=localhost" serverAuth
leaf ca client "/C=GB/O=metalvirt test/CN=client1" clientAuth
leaf ca revoked "/C=GB/O=metalvirt test/CN=revoked1" clientAuth
leaf ca expired "/C=GB/O=metalvirt test/CN=client2" clientAuth "" 20200101000000Z 20210101000000Z
leaf ca denied "/C=GB/O=metalvirt test/CN=intruder" clientAuth
leaf other stranger "/C=GB/O=metalvirt test/CN=client3" clientAuth
leaf inter iserver "/O=metalvirt test/CN=localhost" serverAuth
leaf inter iclient "/C=GB/O=metalvirt test/CN=client4" clientAuth
leaf ca kcrsa "/O=metalvirt test/CN=localhost" serverAuth "" "" "" certtool-rsa
leaf ca kcec "/O=metalvirt test/CN=localhost" serverAuth "" "" "" certtool-ec
leaf ca kosec1 "/O=metalvirt test/CN=localhost" serverAuth "" "" "" openssl-sec1
leaf ca dsonly "/O=metalvirt test/CN=localhost" serverAuth critical,digitalSignature "" "" ec
openssl ca -batch -config tmp/ca.ca.cnf -cert tmp/ca.pem -keyfile tmp/ca.key -revoke tmp/revoked.pem 2>/dev/null
openssl ca -batch -config tmp/ca.ca.cnf -cert tmp/ca.pem -keyfile tmp/ca.key -gencrl -out tmp/ca.crl 2>/dev/null

mkdir -p server ec-dsonly
cp tmp/ca.pem server/cacert.pem; cp tmp/ca.crl server/cacrl.pem
cp tmp/server.pem server/servercert.pem; cp tmp/server.key server/serverkey.pem
cp tmp/ca.pem ec-dsonly/cacert.pem; cp tmp/dsonly.pem ec-dsonly/servercert.pem; cp tmp/dsonly.key ec-dsonly/serverkey.pem
mkdir -p inter-in-ca inter-sent
cat tmp/ca.pem tmp/inter.pem > inter-in-ca/cacert.pem; cp tmp/iserver.pem inter-in-ca/servercert.pem
cp tmp/iserver.key inter-in-ca/serverkey.pem
cp tmp/ca.pem inter-sent/cacert.pem; cat tmp/iserver.pem tmp/inter.pem > inter-sent/servercert.pem
cp tmp/iserver.key inter-sent/serverkey.pem
for k in kcrsa:key-certtool-rsa kcec:key-certtool-ec kosec1:key-openssl-sec1; do
    mkdir -p "${k#*:}"; cp tmp/ca.pem "${k#*:}/cacert.pem"
    cp "tmp/${k%%:*}.pem" "${k#*:}/servercert.pem"; cp "tmp/${k%%:*}.key" "${k#*:}/serverkey.pem"
done
client_dir client ca client
client_dir inter-client ca iclient
cat tmp/inter.pem >> inter-client/cacert.pem
client_dir inter-sending ca iclient
cat tmp/inter.pem >> inter-sending/cacert.pem; cat tmp/inter.pem >> inter-sending/clientcert.pem
client_dir revoked ca revoked
client_dir expired ca expired
client_dir denied ca denied
client_dir otherca ca stranger
client_dir distrust other client
client_dir nocert ca ""
rm -rf tmp
