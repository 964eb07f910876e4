/*
 * What one durable small write costs on this disk, scheme by scheme (issue 18, "Define, fifth
 * pass" in README.md): gcc -O2 -o /tmp/durable-writes durable-writes.c && /tmp/durable-writes DIR N
 * with DIR an empty directory on the disk to measure. Run by hand; nothing here is in the test run.
 *   A  new temporary file, write, fsync, rename over the target, fsync of the directory
 *   A2 the same without the directory's fsync
 *   B  a spare file made beforehand (not timed) rewritten, fsync, rename, directory fsync
 *   C  a record written over a journal file made with zeros beforehand, fdatasync
 *   C2 a record appended to a growing file, fdatasync
 *   C3 as C on a fallocate()d (unwritten) file
 *   C4 as C through O_DSYNC
 *   D  O_TMPFILE, write, fsync, linkat, rename, directory fsync
 *   F  unlink and directory fsync
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <time.h>
#include <stdint.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec/1e3;}
static int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
static void rep(const char*n,double*v,int k){qsort(v,k,sizeof(double),cmp);printf("%-28s p50 %7.0f  p90 %7.0f  p99 %7.0f us  (%.0f/s)\n",n,v[k/2],v[k*9/10],v[k*99/100],1e6/v[k/2]);}
int main(int argc,char**argv){
 const char*d=argv[1]; int N=atoi(argv[2]); char buf[1200]; memset(buf,'x',sizeof buf);
 double*v=malloc(N*sizeof(double)); char p[512],q[512]; int dfd=open(d,O_RDONLY|O_DIRECTORY);
 // A: today's
 for(int i=0;i<N;i++){double t=now(); snprintf(p,512,"%s/.tmp-%d",d,i); snprintf(q,512,"%s/a%d.xml",d,i%100);
  int fd=open(p,O_CREAT|O_EXCL|O_WRONLY,0600); write(fd,buf,sizeof buf); fsync(fd); close(fd); rename(p,q); int dd=open(d,O_RDONLY); fsync(dd); close(dd); v[i]=now()-t;}
 rep("A temp+fsync+rename+dirsync",v,N);
 // A2: file fsync only (no dir)
 for(int i=0;i<N;i++){double t=now(); snprintf(p,512,"%s/.tmp-%d",d,i); snprintf(q,512,"%s/a%d.xml",d,i%100);
  int fd=open(p,O_CREAT|O_EXCL|O_WRONLY,0600); write(fd,buf,sizeof buf); fsync(fd); close(fd); rename(p,q); v[i]=now()-t;}
 rep("A2 temp+fsync+rename",v,N);
 // B: spare pre-created (creation not timed), rewrite + fsync + rename + dirsync
 for(int i=0;i<N;i++){ snprintf(p,512,"%s/.spare-%d",d,i); int fd=open(p,O_CREAT|O_WRONLY,0600); write(fd,buf,sizeof buf); close(fd);} 
 sync();
 for(int i=0;i<N;i++){double t=now(); snprintf(p,512,"%s/.spare-%d",d,i); snprintf(q,512,"%s/b%d.xml",d,i%100);
  int fd=open(p,O_WRONLY); pwrite(fd,buf,sizeof buf,0); fsync(fd); close(fd); rename(p,q); fsync(dfd); v[i]=now()-t;}
 rep("B spare rewrite+fsync+rn+dir",v,N);
 // C: journal preallocated & written, append + fdatasync
 snprintf(p,512,"%s/journal",d); int jfd=open(p,O_CREAT|O_RDWR,0600); char*z=calloc(1,1<<20); for(int k=0;k<16;k++) write(jfd,z,1<<20); fsync(jfd);
 off_t off=0; for(int i=0;i<N;i++){double t=now(); pwrite(jfd,buf,sizeof buf,off); off+=sizeof buf; fdatasync(jfd); v[i]=now()-t;}
 rep("C journal overwrite+fdatasync",v,N);
 // C2: journal append growing (not preallocated) + fdatasync
 snprintf(p,512,"%s/journal2",d); int j2=open(p,O_CREAT|O_RDWR|O_TRUNC,0600); off=0;
 for(int i=0;i<N;i++){double t=now(); pwrite(j2,buf,sizeof buf,off); off+=sizeof buf; fdatasync(j2); v[i]=now()-t;}
 rep("C2 journal append(grow)+fdatasync",v,N);
 // C3: fallocate'd (unwritten extents) + fdatasync
 snprintf(p,512,"%s/journal3",d); int j3=open(p,O_CREAT|O_RDWR|O_TRUNC,0600); fallocate(j3,0,0,16<<20); fsync(j3); off=0;
 for(int i=0;i<N;i++){double t=now(); pwrite(j3,buf,sizeof buf,off); off+=sizeof buf; fdatasync(j3); v[i]=now()-t;}
 rep("C3 fallocate+fdatasync",v,N);
 // C4: O_DSYNC preallocated written
 int j4=open(p,O_RDWR|O_DSYNC); for(int k=0;k<16;k++) pwrite(j4,z,1<<20,(off_t)k<<20); off=0;
 for(int i=0;i<N;i++){double t=now(); pwrite(j4,buf,sizeof buf,off); off+=sizeof buf; v[i]=now()-t;}
 rep("C4 O_DSYNC overwrite",v,N);
 // D: O_TMPFILE + fsync + linkat + rename + dirsync
 for(int i=0;i<N;i++){double t=now(); int fd=open(d,O_TMPFILE|O_WRONLY,0600); write(fd,buf,sizeof buf); fsync(fd); char fp[64]; snprintf(fp,64,"/proc/self/fd/%d",fd); snprintf(p,512,"%s/.tmpl-%d",d,i); snprintf(q,512,"%s/d%d.xml",d,i%100);
  linkat(AT_FDCWD,fp,AT_FDCWD,p,AT_SYMLINK_FOLLOW); close(fd); rename(p,q); fsync(dfd); v[i]=now()-t;}
 rep("D O_TMPFILE+linkat+rn+dir",v,N);
 // E: just dir fsync after a rename
 // F: unlink + dirsync
 for(int i=0;i<100;i++){double t=now(); snprintf(q,512,"%s/a%d.xml",d,i); unlink(q); fsync(dfd); v[i]=now()-t;}
 rep("F unlink+dirsync",v,100);
 return 0;}
