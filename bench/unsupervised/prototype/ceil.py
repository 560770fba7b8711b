import sys; sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from common import *; import full; from gw import kmeans, sinkhorn
idv=ids(); A=load(sys.argv[1]); B=load(sys.argv[2]); K=int(sys.argv[3])
trm,am,bm,te=split(idv,42)
XA=prep(A,am); XB=prep(B,bm); d=max(XA.shape[1],XB.shape[1]); XA=pad(XA,d); XB=pad(XB,d)
rs=np.random.RandomState(1)
# oracle: cluster both sides with one clustering in the joint (supervised) space: kmeans on A-side, then B-side rows assigned via true map
Wsup=procrustes(XA[trm],XB[trm])
CA,p=kmeans(XA[am],K,rs,it=15)
labB=(XB[bm]@(CA@Wsup).T).argmax(1)
CB=l2(np.array([XB[bm][labB==k].sum(0) for k in range(K)]))
u,s,vt=np.linalg.svd(CA.T@np.diag(p)@CB); W0=u@vt
print('oracle disjoint-centroid W0 r1',rank1(XA[te]@W0,XB[te],idv[te]),flush=True)
a=XA[am][rs.choice(am.sum(),2000,replace=False)]; b=XB[bm][rs.choice(bm.sum(),2000,replace=False)]
W,crit,n=full.csls_refine(a,b,W0,iters=8); print('refined',rank1(XA[te]@W,XB[te],idv[te]),crit,n,flush=True)
# GW on these oracle-consistent centroids (shuffled)
perm=rs.permutation(K); CBs=CB[perm]; q=p[perm]; truth=np.argsort(perm)
SA=CA@CA.T; SB=CBs@CBs.T; sigA=np.sort(SA,1); sigB=np.sort(SB,1)
M=((sigA[:,None,:]-sigB[None,:,:])**2).sum(2); T0=sinkhorn(M/M.std(),p,q,0.05)
T,loss=full.egw_anneal(SA,SB,p,q,T0,[0.02,0.01,0.005,0.002]); print('GW on consistent disjoint centroids: loss',loss,'correct',np.mean(T.argmax(1)==truth))
